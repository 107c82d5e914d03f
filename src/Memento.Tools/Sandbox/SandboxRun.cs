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
        if (TimedOut) text.AppendLine($"[stopped: wall-clock limit of {settings.TimeoutSeconds} s reached; the whole process group was killed]");
        if (OutputCut) text.AppendLine($"[stopped: output passed {settings.OutputBytes} bytes; the rest was not read and the process group was killed]");
        if (Survivor) text.AppendLine("[warning: a background process survived the kill and kept the output open; output may be incomplete]");
        text.AppendLine($"exit code: {ExitCode}");
        if (Stdout.Length > 0) text.AppendLine("stdout:").AppendLine(Stdout.TrimEnd('\n'));
        if (Stderr.Length > 0) text.AppendLine("stderr:").AppendLine(Stderr.TrimEnd('\n'));
        var fields = new Dictionary<string, string>
        {
            ["exit_code"] = ExitCode.ToString(CultureInfo.InvariantCulture),
            ["timed_out"] = TimedOut ? "true" : "false",
            ["output_cut"] = OutputCut ? "true" : "false",
            ["elapsed_ms"] = ((long)Elapsed.TotalMilliseconds).ToString(CultureInfo.InvariantCulture),
            ["isolation"] = isolation,
            ["survivor"] = Survivor ? "true" : "false",
        };
        return new ToolOutput(text.ToString(), fields, IsError: TimedOut || OutputCut || ExitCode != 0);
    }
}
