using System.Diagnostics;

namespace Memento.Tools.Sandbox;

/// <summary>Runs a short probe command with a clean environment and says whether it succeeded, and if not, why.</summary>
internal static class CommandProbe
{
    public static (bool Ok, string Detail) Run(string file, params string[] arguments)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in arguments) start.ArgumentList.Add(a);
        start.Environment.Clear();
        start.Environment["PATH"] = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
        try
        {
            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(TimeSpan.FromSeconds(15)))
            {
                process.Kill(entireProcessTree: true);
                return (false, $"{file} did not answer within 15 s");
            }
            var output = (process.ExitCode == 0 ? stdout.Result : stderr.Result + stdout.Result).Trim();
            var firstLine = output.Split('\n')[0].Trim();
            return (process.ExitCode == 0, process.ExitCode == 0 ? firstLine : $"{file} exited {process.ExitCode}: {firstLine}");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return (false, e.NativeErrorCode == 2 ? $"{file}: not found on PATH" : $"{file}: {e.Message}");
        }
    }
}
