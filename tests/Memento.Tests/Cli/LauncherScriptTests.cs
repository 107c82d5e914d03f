using System.Diagnostics;
using System.Runtime.Versioning;
using NUnit.Framework;

namespace Memento.Tests.Cli;

/// <summary>
/// <c>scripts/memento</c> in a scratch copy of the repository layout, with a fake <c>dotnet</c> on PATH that logs
/// each build (and, like an incremental build that changes nothing, leaves an existing memento.dll untouched).
/// </summary>
[UnsupportedOSPlatform("windows")]
public class LauncherScriptTests
{
    private string _root = "";
    private string _buildLog = "";

    [SetUp]
    public void CopyLayout()
    {
        _root = TestPaths.TempDir();
        _buildLog = Path.Combine(_root, "builds.log");
        Directory.CreateDirectory(Path.Combine(_root, "scripts"));
        File.Copy(Path.Combine(TestPaths.RepoRoot, "scripts", "memento"), Path.Combine(_root, "scripts", "memento"));
        Write("src/Memento.Cli/Memento.Cli.csproj", "<Project />");
        Write("src/Memento.Core/Loop.cs", "class Loop {}");
        Write("datasets/registry.yaml", "datasets: []");
        Write("Directory.Build.props", "<Project />");
        Write("Directory.Packages.props", "<Project />");
        var dll = Path.Combine(_root, "src/Memento.Cli/bin/Release/net10.0/memento.dll");
        Write("fakebin/dotnet", $$"""
            #!/usr/bin/env bash
            if [[ "$1" == build ]]; then
              echo build >> '{{_buildLog}}'
              sleep 1
              [[ -f '{{dll}}' ]] || { mkdir -p "$(dirname '{{dll}}')"; echo dll > '{{dll}}'; }
              exit 0
            fi
            echo "ran ${*:2}"
            """);
        File.SetUnixFileMode(Path.Combine(_root, "fakebin/dotnet"), (UnixFileMode)0b111_101_101);
        File.SetUnixFileMode(Path.Combine(_root, "scripts/memento"), (UnixFileMode)0b111_101_101);
    }

    [TearDown]
    public void Remove() => Directory.Delete(_root, recursive: true);

    [Test]
    public async Task Builds_once_then_runs_without_building_even_when_the_build_left_the_dll_untouched()
    {
        var first = await LaunchAsync("--version");
        Assert.That(first.Err, Does.Contain("building memento (Release)..."));
        Assert.That(first.Out.Trim(), Is.EqualTo("ran --version"));
        Touch("src/Memento.Core/Loop.cs");
        await LaunchAsync("a");                                     // a source edit rebuilds; the fake leaves the dll as it was
        var third = await LaunchAsync("b");
        Assert.That(third.Err, Does.Not.Contain("building"), "an up-to-date build must not be redone");
        Assert.That(Builds(), Is.EqualTo(2));
    }

    [Test]
    public async Task Files_the_build_generates_under_obj_and_bin_are_not_sources()
    {
        await LaunchAsync("x");
        Touch("src/Memento.Core/obj/Debug/net10.0/Memento.Core.AssemblyInfo.cs");
        Touch("src/Memento.Cli/bin/Debug/net10.0/Generated.cs");
        var again = await LaunchAsync("y");
        Assert.That(again.Err, Does.Not.Contain("building"));
        Assert.That(Builds(), Is.EqualTo(1));
    }

    [Test]
    public async Task Test_downloads_do_not_make_the_build_stale_but_a_build_targets_file_does()
    {
        await LaunchAsync("x");
        Touch("tests/npm/node_modules/pkg/index.js");
        Touch("build/npm/node_modules/pkg/index.js");
        Touch("datasets/memento/memory.jsonl");
        Assert.That((await LaunchAsync("y")).Err, Does.Not.Contain("building"), "npm packages and datasets are not sources");
        Touch("build/TorchSharpGlibcxx.targets");
        Assert.That((await LaunchAsync("z")).Err, Does.Contain("building"), "build/'s own files are part of the build");
        Assert.That(Builds(), Is.EqualTo(2));
    }

    [Test]
    public async Task Parallel_calls_build_once_under_the_lock_and_all_run()
    {
        var runs = await Task.WhenAll(Enumerable.Range(0, 4).Select(i => LaunchAsync($"worker{i}")));
        Assert.That(Builds(), Is.EqualTo(1), "parallel workers must not build the same project at once");
        for (var i = 0; i < 4; i++) Assert.That(runs[i].Out.Trim(), Is.EqualTo($"ran worker{i}"));
    }

    /// <summary>A real <c>dotnet build</c> of a one-file project with the build servers switched on, as on a user's
    /// machine (MSBuild node reuse and server, the Roslyn compiler server): the script starts in a session of its own,
    /// and when it has run, no process of that session is left and nothing holds the build lock.</summary>
    [Test, Category("Slow")]
    public async Task A_real_build_with_build_servers_enabled_leaves_no_process_behind_and_no_one_holding_the_lock()
    {
        Write("src/Memento.Cli/Memento.Cli.csproj", """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup><OutputType>Exe</OutputType><TargetFramework>net10.0</TargetFramework><AssemblyName>memento</AssemblyName></PropertyGroup>
            </Project>
            """);
        Write("src/Memento.Cli/Program.cs", "System.Console.WriteLine(\"ran \" + string.Join(' ', args));");
        var start = new ProcessStartInfo("setsid", [Path.Combine(_root, "scripts/memento"), "real"]) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment.Remove("MSBUILDDISABLENODEREUSE");
        start.Environment["DOTNET_CLI_USE_MSBUILD_SERVER"] = "1";
        start.Environment["UseSharedCompilation"] = "true";
        using var process = Process.Start(start)!;          // not a group leader, so setsid makes this PID the session's id
        var (stdout, stderr) = (process.StandardOutput.ReadToEndAsync(), process.StandardError.ReadToEndAsync());
        await process.WaitForExitAsync();
        Assert.That(process.ExitCode, Is.Zero, await stderr);
        Assert.That((await stdout).Trim(), Is.EqualTo("ran real"));

        var lockFile = Path.Combine(_root, "src/Memento.Cli/bin/Release/net10.0/.memento-build.lock");
        var left = ProcessesOfSession(process.Id);
        var holders = Directory.EnumerateDirectories("/proc").Where(p => int.TryParse(Path.GetFileName(p), out _) && Holds(p, lockFile)).ToList();
        foreach (var pid in left) KillStarted(pid);                // they were started by this test: stop them by PID
        Assert.That(left.Select(Describe), Is.Empty, "build servers outlived the build");
        Assert.That(holders.Select(p => Describe(int.Parse(Path.GetFileName(p)))), Is.Empty, "processes holding the build lock");
    }

    private static List<int> ProcessesOfSession(int session) =>
        Directory.EnumerateDirectories("/proc").Select(p => int.TryParse(Path.GetFileName(p), out var pid) ? pid : 0)
            .Where(pid => pid > 0 && SessionOf(pid) == session).ToList();

    /// <summary>Field 6 of /proc/PID/stat, read after the command name's closing parenthesis (the name may hold spaces).</summary>
    private static int? SessionOf(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[3]);
        }
        catch (IOException)
        {
            return null;                                           // ended meanwhile
        }
    }

    private static bool Holds(string proc, string file)
    {
        try
        {
            return Directory.EnumerateFileSystemEntries(Path.Combine(proc, "fd")).Any(fd => new FileInfo(fd).LinkTarget == file);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static string Describe(int pid)
    {
        try
        {
            return $"{pid}: {File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ').Trim()}";
        }
        catch (IOException)
        {
            return $"{pid}: (ended)";
        }
    }

    private static void KillStarted(int pid)
    {
        try
        {
            using var leftover = Process.GetProcessById(pid);
            leftover.Kill();
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
        }
    }

    private int Builds() => File.Exists(_buildLog) ? File.ReadAllLines(_buildLog).Length : 0;

    private void Write(string relative, string text)
    {
        var path = Path.Combine(_root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text.ReplaceLineEndings("\n") + "\n");
    }

    private void Touch(string relative) => Write(relative, "// changed");

    private async Task<(string Out, string Err)> LaunchAsync(string argument)
    {
        var start = new ProcessStartInfo(Path.Combine(_root, "scripts/memento"), argument)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["PATH"] = Path.Combine(_root, "fakebin") + ":" + Environment.GetEnvironmentVariable("PATH");
        using var process = Process.Start(start)!;
        var (stdout, stderr) = (process.StandardOutput.ReadToEndAsync(), process.StandardError.ReadToEndAsync());
        await process.WaitForExitAsync();
        Assert.That(process.ExitCode, Is.Zero, await stderr);
        return (await stdout, await stderr);
    }
}
