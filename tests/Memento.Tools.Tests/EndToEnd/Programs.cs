using System.Diagnostics;
using NUnit.Framework;

namespace Memento.Tools.Tests.EndToEnd;

/// <summary>The programs the end-to-end tests start: <c>memento</c> (built beside the tests) and the npm MCP packages
/// pinned by <c>tests/npm/package-lock.json</c> (outside <c>build/</c>, so <c>scripts/memento</c>'s staleness check never reads them).</summary>
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

    private static readonly Lock InstallGate = new();

    /// <summary>An npm program of the pinned MCP packages in <c>tests/npm</c>: installed there on first use (as
    /// <c>scripts/install-test-deps</c> does), so the README's test command needs no step before it; fails the test,
    /// saying how to install it, when npm cannot.</summary>
    public static string Npm(string program)
    {
        var folder = Path.Combine(RepoRoot, "tests", "npm");
        var path = Path.Combine(folder, "node_modules", ".bin", program);
        lock (InstallGate)
        {
            if (!File.Exists(path))
            {
                try
                {
                    var (exit, _, err) = RunAsync("npm", ["ci", "--prefix", folder, "--no-audit", "--no-fund", "--silent"],
                        TimeSpan.FromMinutes(5)).GetAwaiter().GetResult();
                    TestContext.Progress.WriteLine($"npm install of the MCP packages into {folder}: exit {exit} {err.Trim()}");
                }
                catch (System.ComponentModel.Win32Exception e)
                {
                    TestContext.Progress.WriteLine("npm could not be started: " + e.Message);
                }
            }
        }
        if (!File.Exists(path))
            Assert.Fail($"{program} is not installed under tests/npm and npm could not install it: run `scripts/install-test-deps` (or `npm ci --prefix tests/npm`; needs npm and node)");
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
