using System.Diagnostics;
using Memento.Cli;

namespace Memento.Tests.Cli;

/// <summary>Runs the memento command tree in-process, capturing stdout and stderr, or the built CLI as a child process.</summary>
internal static class CliRunner
{
    private static readonly SemaphoreSlim ConsoleGate = new(1, 1);

    public static async Task<(int Exit, string Out, string Err)> RunAsync(params string[] args)
    {
        await ConsoleGate.WaitAsync();
        var (stdout, stderr) = (Console.Out, Console.Error);
        try
        {
            var (o, e) = (new StringWriter(), new StringWriter());
            Console.SetOut(o);
            Console.SetError(e);
            var exit = await MementoCli.RunAsync(args);
            return (exit, o.ToString(), e.ToString());
        }
        finally
        {
            Console.SetOut(stdout);
            Console.SetError(stderr);
            ConsoleGate.Release();
        }
    }

    /// <summary>Stderr without the plain progress lines ("[name] …") a run prints when output is redirected.</summary>
    public static string[] Messages(string err) =>
        err.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Where(l => !l.StartsWith('[')).ToArray();

    /// <summary>Starts the built CLI as a child process; its stderr lines are collected in <paramref name="stderr"/>.</summary>
    public static Process Start(string[] args, System.Collections.Concurrent.ConcurrentQueue<string>? stderr = null)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "memento.dll"));
        foreach (var a in args) info.ArgumentList.Add(a);
        var process = Process.Start(info)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) stderr?.Enqueue(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }
}
