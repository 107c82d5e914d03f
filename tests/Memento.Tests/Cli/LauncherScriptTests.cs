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
    public async Task Parallel_calls_build_once_under_the_lock_and_all_run()
    {
        var runs = await Task.WhenAll(Enumerable.Range(0, 4).Select(i => LaunchAsync($"worker{i}")));
        Assert.That(Builds(), Is.EqualTo(1), "parallel workers must not build the same project at once");
        for (var i = 0; i < 4; i++) Assert.That(runs[i].Out.Trim(), Is.EqualTo($"ran worker{i}"));
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
