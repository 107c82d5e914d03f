using System.Globalization;
using Memento.Core.Agents;

namespace Memento.Tools.Adapters;

/// <summary>
/// Makes each episode's <see cref="ToolScope"/> under one root folder of the run: <c>ROOT/&lt;task&gt;-i&lt;iteration&gt;-a&lt;attempt&gt;/</c>
/// holding <c>workspace/</c> and, when the task has attachment files, <c>attachments/</c> with copies of just that task's
/// files — so a tool confined to the scope sees this task's files and not the other tasks' in the same dataset folder.
/// Folders are kept after the run for inspection.
/// </summary>
public sealed class EpisodeScopes(string root)
{
    public string Root { get; } = root;

    public ToolScope For(AgentRequest episode)
    {
        var name = string.Create(CultureInfo.InvariantCulture, $"{Safe(episode.Task.Id)}-i{episode.Iteration}-a{episode.Attempt}");
        var folder = Path.Combine(Root, name);
        var workspace = Directory.CreateDirectory(Path.Combine(folder, "workspace")).FullName;
        string? attachments = null;
        if (episode.Task.Attachments is { Count: > 0 } files)
        {
            attachments = Directory.CreateDirectory(Path.Combine(folder, "attachments")).FullName;
            foreach (var file in files.Where(File.Exists))
                File.Copy(file, Path.Combine(attachments, Path.GetFileName(file)), overwrite: true);
        }
        return new ToolScope(attachments, workspace);
    }

    private static string Safe(string id) =>
        new(id.Select(c => char.IsLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_').Take(80).ToArray());
}
