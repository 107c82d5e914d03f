using System.Globalization;
using System.Text;

namespace Memento.Tools.Sandbox;

/// <summary>
/// What one sandboxed call did: exit code, captured output (cut at the cap), whether a limit stopped it, and whether
/// some descendant survived the kill (it kept the output pipes open; the call returned without it).
/// </summary>
internal sealed record SandboxRun(int ExitCode, string Stdout, string Stderr, bool TimedOut, bool OutputCut, TimeSpan Elapsed, bool Survivor = false)
{
    /// <summary>The answer for the model (exit status, stdout, stderr, and which limit stopped it) and the trajectory fields.</summary>
    public ToolOutput ToToolOutput(SandboxSettings settings, string isolation)
    {
        var text = new StringBuilder();
        var (stoppedBy, why) = StoppedBy(settings);
        if (why is not null) text.AppendLine($"[stopped: {why}]");
        if (Survivor) text.AppendLine("[warning: a background process survived the kill and kept the output open; output may be incomplete]");
        text.AppendLine($"exit code: {ExitCode}");
        if (Stdout.Length > 0) text.AppendLine("stdout:").AppendLine(Stdout.TrimEnd('\n'));
        if (Stderr.Length > 0) text.AppendLine("stderr:").AppendLine(Stderr.TrimEnd('\n'));
        var fields = new Dictionary<string, string>
        {
            ["exit_code"] = ExitCode.ToString(CultureInfo.InvariantCulture),
            ["timed_out"] = TimedOut ? "true" : "false",
            ["output_cut"] = OutputCut ? "true" : "false",
            ["stopped_by"] = stoppedBy,
            ["elapsed_ms"] = ((long)Elapsed.TotalMilliseconds).ToString(CultureInfo.InvariantCulture),
            ["isolation"] = isolation,
            ["survivor"] = Survivor ? "true" : "false",
        };
        return new ToolOutput(text.ToString(), fields, IsError: TimedOut || OutputCut || ExitCode != 0);
    }

    /// <summary>Which limit stopped the code ("wall_clock", "output", "cpu", "file_size", "killed", "signal"; "" when
    /// none did) and the words for the model. A signal shows as exit status 128 + its number (the sandbox's reporting
    /// shell passes it on).</summary>
    private (string Key, string? Why) StoppedBy(SandboxSettings settings)
    {
        if (TimedOut) return ("wall_clock", $"wall-clock limit of {settings.TimeoutSeconds} s reached; the whole process group was killed");
        if (OutputCut) return ("output", $"output passed {settings.OutputBytes} bytes; the rest was not read and the process group was killed");
        return (ExitCode - 128) switch
        {
            24 => ("cpu", $"CPU-time limit of {settings.CpuSeconds} s reached (SIGXCPU); make the computation cheaper or split it over calls"),
            25 => ("file_size", $"file-size limit of {settings.FileSizeBytes} bytes reached (SIGXFSZ)"),
            9 => ("killed", $"killed by SIGKILL: the CPU-time hard limit ({settings.CpuHardSeconds} s) or the kernel's out-of-memory killer " +
                            $"(the address-space limit is {settings.MemoryBytes} bytes)"),
            var signal and > 0 and < 65 => ("signal", $"ended by signal {signal}"),
            _ => ("", null),
        };
    }
}
