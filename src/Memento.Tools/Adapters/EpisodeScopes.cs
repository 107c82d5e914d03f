using System.Collections.Concurrent;
using System.Globalization;
using Memento.Core.Agents;
using Memento.Core.Loop;

namespace Memento.Tools.Adapters;

/// <summary>
/// Makes each episode's <see cref="ToolScope"/> under one root folder of the run: <c>ROOT/&lt;task&gt;-i&lt;iteration&gt;-a&lt;attempt&gt;/</c>
/// holding <c>workspace/</c> and, when the task has attachment files, <c>attachments/</c> with copies of just that task's
/// files — so a tool confined to the scope sees this task's files and not the other tasks' in the same dataset folder.
/// The workspace gets a read-only copy of each attachment too, under the same name: code run there (run_python,
/// run_shell, also in a container that mounts only the workspace) opens the file by its name, as read_file does.
/// When an episode ends (it is recorded, judged or failed) its folder is kept or removed by <c>tools.workspace.cleanup</c>;
/// folders of episodes that never ended (the run was stopped) are removed at <see cref="Dispose"/> under <c>delete</c>.
/// </summary>
public sealed class EpisodeScopes(string root, string cleanup = "keep") : IEpisodeSink, IDisposable
{
    private readonly ConcurrentDictionary<string, byte> _open = new();

    public string Root { get; } = root;

    public ToolScope For(AgentRequest episode)
    {
        var folder = Folder(episode.Task.Id, episode.Iteration, episode.Attempt);
        _open[folder] = 0;
        var workspace = Directory.CreateDirectory(Path.Combine(folder, "workspace")).FullName;
        string? attachments = null;
        if (episode.Task.Attachments is { Count: > 0 } files)
        {
            attachments = Directory.CreateDirectory(Path.Combine(folder, "attachments")).FullName;
            foreach (var file in files.Where(File.Exists))
            {
                File.Copy(file, Path.Combine(attachments, Path.GetFileName(file)), overwrite: true);
                ReadOnlyCopy(file, Path.Combine(workspace, Path.GetFileName(file)));
            }
        }
        return new ToolScope(attachments, workspace);
    }

    /// <summary>The episode ended: its folder goes under <c>delete</c>, and under <c>delete_on_success</c> when it was
    /// judged right (reward 1); otherwise it stays for inspection.</summary>
    public void Record(Episode episode)
    {
        var folder = Folder(episode.Task.Id, episode.Iteration, episode.Attempt);
        _open.TryRemove(folder, out _);
        if (cleanup == "delete" || (cleanup == "delete_on_success" && episode.Reward == 1)) Remove(folder);
    }

    /// <summary>The run ended: under <c>delete</c>, folders of episodes still open (a stopped run) go too, and the root
    /// when nothing is left in it.</summary>
    public void Dispose()
    {
        if (cleanup != "delete") return;
        foreach (var folder in _open.Keys) Remove(folder);
        _open.Clear();
        if (Directory.Exists(Root) && !Directory.EnumerateFileSystemEntries(Root).Any()) Directory.Delete(Root);
    }

    /// <summary>Copies <paramref name="file"/> to <paramref name="copy"/> readable by everyone (the sandbox may run as
    /// another uid) and writable by no one; an older copy (a resumed episode) is replaced.</summary>
    private static void ReadOnlyCopy(string file, string copy)
    {
        if (File.Exists(copy)) File.Delete(copy);
        File.Copy(file, copy);
        if (OperatingSystem.IsWindows()) File.SetAttributes(copy, FileAttributes.ReadOnly);
        else File.SetUnixFileMode(copy, UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
    }

    private string Folder(string taskId, int iteration, int attempt) =>
        Path.Combine(Root, string.Create(CultureInfo.InvariantCulture, $"{Safe(taskId)}-i{iteration}-a{attempt}"));

    /// <summary>Removes a folder; one that cannot be removed (a file held by a process that escaped the sandbox) is
    /// named on stderr and left, since a cleanup must not fail the run.</summary>
    private static void Remove(string folder)
    {
        try
        {
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"tools.workspace.cleanup: could not remove {folder}: {e.Message}");
        }
    }

    private static string Safe(string id) =>
        new(id.Select(c => char.IsLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_').Take(80).ToArray());
}
