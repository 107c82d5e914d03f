using Memento.Cli;

namespace Memento.Tests.Cli;

/// <summary>Runs the memento command tree in-process, capturing stdout and stderr.</summary>
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
}
