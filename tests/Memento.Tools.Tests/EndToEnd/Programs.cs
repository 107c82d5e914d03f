using System.Diagnostics;
using NUnit.Framework;

namespace Memento.Tools.Tests.EndToEnd;

/// <summary>The programs the end-to-end tests start: <c>memento</c> (built beside the tests) and the npm MCP packages
/// that <c>.ci/run</c> installs into <c>build/npm</c>.</summary>
public static class Programs
{
    public static string MementoDll => Path.Combine(AppContext.BaseDirectory, "memento.dll");

    public static string RepoRoot
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "Memento.Experiments.sln"))) return dir.FullName;
            throw new InvalidOperationException("the repository root (Memento.Experiments.sln) is not above " + AppContext.BaseDirectory);
        }
    }

    /// <summary>An npm program installed by <c>.ci/run</c>; fails the test, saying how to install it, when it is missing.</summary>
    public static string Npm(string program)
    {
        var path = Path.Combine(RepoRoot, "build", "npm", "node_modules", ".bin", program);
        if (!File.Exists(path))
            Assert.Fail($"{program} is not installed under build/npm: run `bash .ci/run`, or `npm install --prefix build/npm " +
                        "@modelcontextprotocol/inspector@2.12.0 @modelcontextprotocol/server-filesystem@2026.8.31` (needs npm and node)");
        return path;
    }

    /// <summary>Runs a program to its end (killed after <paramref name="timeout"/>), returning its exit code and output.</summary>
    public static async Task<(int Exit, string Out, string Err)> RunAsync(string file, IEnumerable<string> args, TimeSpan timeout, string? workingDirectory = null)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = workingDirectory ?? "" };
        foreach (var arg in args) start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var limit = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{file} {string.Join(' ', args)} did not end within {timeout}: {await stderr}");
        }
        return (process.ExitCode, await stdout, await stderr);
    }

    /// <summary><c>memento ARGS</c> as a child process.</summary>
    public static Task<(int Exit, string Out, string Err)> Memento(params string[] args) =>
        RunAsync("dotnet", [MementoDll, .. args], TimeSpan.FromMinutes(3));
}
