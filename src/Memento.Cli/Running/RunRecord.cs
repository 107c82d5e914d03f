using System.Diagnostics;
using System.Reflection;
using System.Runtime.InteropServices;
using Memento.Core;
using Memento.Core.Results;

namespace Memento.Cli.Running;

/// <summary>Writes a folder's <c>run.json</c> (<see cref="Provenance"/>) when work starts and again when it ends —
/// finished, interrupted, diverged or failed — so a folder always says what wrote it and whether it is complete.</summary>
internal static class RunRecord
{
    public static async Task<T> TrackAsync<T>(string path, Invocation invocation, Func<int> episodes, Func<Task<T>> work)
    {
        var clock = Stopwatch.StartNew();
        var record = Machine.Value with { CommandLine = invocation.CommandLine, Sets = invocation.Sets, Started = DateTimeOffset.Now, Episodes = episodes() };
        record.Write(path);
        var status = RunStatus.Failed;
        try
        {
            var result = await work();
            status = RunStatus.Finished;
            return result;
        }
        catch (OperationCanceledException) { status = RunStatus.Interrupted; throw; }
        catch (TrainingDivergedException) { status = RunStatus.Diverged; throw; }
        finally
        {
            try
            {
                (record with { Ended = DateTimeOffset.Now, DurationS = Math.Round(clock.Elapsed.TotalSeconds, 3), Episodes = episodes(), ExitStatus = status }).Write(path);
            }
            catch (IOException) when (status != RunStatus.Finished)
            {
                // The run is already failing (a full disk, say): its own error is the one to report.
            }
        }
    }

    /// <summary>What does not change during the process: versions, host, and the source tree's commit (git is asked once).</summary>
    private static readonly Lazy<Provenance> Machine = new(() =>
    {
        var commit = Git("rev-parse HEAD");
        return new Provenance
        {
            MementoVersion = Version(typeof(RunRecord).Assembly),
            GitCommit = commit,
            GitDirty = commit is null ? null : Git("status --porcelain --untracked-files=no") is { } changes ? changes.Length > 0 : null,
            Host = Environment.MachineName,
            Os = RuntimeInformation.OSDescription,
            DotnetVersion = Environment.Version.ToString(),
            TorchSharpVersion = Version(typeof(TorchSharp.torch).Assembly),
        };
    });

    private static string? Version(Assembly assembly) =>
        assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? assembly.GetName().Version?.ToString();

    /// <summary>Git's output, run in the folder the CLI was built into (inside the source tree when built from a clone);
    /// null when git is missing, the folder is not in a repository, or git takes too long.</summary>
    private static string? Git(string arguments)
    {
        try
        {
            var info = new ProcessStartInfo("git", $"-C \"{AppContext.BaseDirectory}\" {arguments}")
            {
                RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
            };
            using var git = Process.Start(info)!;
            var output = git.StandardOutput.ReadToEndAsync();
            git.StandardError.ReadToEndAsync();
            if (!git.WaitForExit(TimeSpan.FromSeconds(10))) { git.Kill(); return null; }
            return git.ExitCode == 0 ? output.Result.Trim() : null;
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException or IOException)
        {
            return null;
        }
    }
}
