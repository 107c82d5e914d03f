using System.Diagnostics;
using System.Text;

namespace Memento.Tools.Sandbox;

/// <summary>
/// Runs a launcher command line as its own process group (the line starts with <c>setsid</c>) with exactly the given
/// environment, keeps at most <see cref="SandboxSettings.OutputBytes"/> of stdout and of stderr, and kills the whole
/// group on the wall-clock limit, on too much output, and after the main process exits (so nothing outlives a call).
/// </summary>
internal static class LimitedProcess
{
    public static async Task<SandboxRun> RunAsync(
        IReadOnlyList<string> argv, string workingDirectory, IReadOnlyDictionary<string, string> environment,
        SandboxSettings settings, Func<Task>? onTimeout, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(argv[0])
        {
            WorkingDirectory = workingDirectory, UseShellExecute = false,
            RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true,
        };
        foreach (var a in argv.Skip(1)) start.ArgumentList.Add(a);
        start.Environment.Clear();
        foreach (var (key, value) in environment) start.Environment[key] = value;

        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {argv[0]}");
        process.StandardInput.Close();
        // setsid makes the child leader of a new group whose id is its pid (a child forked by .NET is never a group
        // leader, so setsid does not fork): killing -pid reaches every descendant that stayed in the group.
        var group = process.Id;
        var outputCut = false;
        void KillGroup()
        {
            _ = Native.kill(-group, Native.SigKill);   // fails only when the group is already gone
            try { process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { /* already exited */ }
        }
        void OnCap()
        {
            outputCut = true;
            KillGroup();
        }
        var stdoutKept = new MemoryStream();
        var stderrKept = new MemoryStream();
        var stdout = PumpAsync(process.StandardOutput.BaseStream, stdoutKept, settings.OutputBytes, OnCap);
        var stderr = PumpAsync(process.StandardError.BaseStream, stderrKept, settings.OutputBytes, OnCap);

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(settings.TimeoutSeconds));
        var timedOut = false;
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            timedOut = !cancellationToken.IsCancellationRequested;
            KillGroup();
            if (onTimeout is not null) await onTimeout();
            await process.WaitForExitAsync(CancellationToken.None);
        }
        KillGroup();
        // The pipes close when the last holder dies; one that survived the kill must not hang the call.
        var drained = Task.WhenAll(stdout, stderr);
        var survivor = await Task.WhenAny(drained, Task.Delay(DrainGrace, CancellationToken.None)) != drained;
        cancellationToken.ThrowIfCancellationRequested();
        return new SandboxRun(process.ExitCode, Text(stdoutKept), Text(stderrKept), timedOut, outputCut, clock.Elapsed, survivor);
    }

    private static readonly TimeSpan DrainGrace = TimeSpan.FromSeconds(5);

    private static string Text(MemoryStream kept)
    {
        lock (kept) return Encoding.UTF8.GetString(kept.GetBuffer(), 0, (int)kept.Length);
    }

    /// <summary>Copies a stream into <paramref name="kept"/> until its end, at most <paramref name="cap"/> bytes; past it, calls <paramref name="onCap"/> and stops.</summary>
    private static async Task PumpAsync(Stream stream, MemoryStream kept, int cap, Action onCap)
    {
        var buffer = new byte[8192];
        int read;
        while ((read = await stream.ReadAsync(buffer)) > 0)
        {
            int room;
            lock (kept)
            {
                room = cap - (int)kept.Length;
                kept.Write(buffer, 0, Math.Min(room, read));
            }
            if (read <= room) continue;
            onCap();
            return;
        }
    }
}
