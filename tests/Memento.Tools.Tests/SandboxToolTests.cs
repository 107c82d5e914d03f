using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Memento.Core;
using Memento.Tools.Sandbox;
using NUnit.Framework;

namespace Memento.Tools.Tests;

public class SandboxToolTests
{
    private TempFolder _temp = null!;
    private ToolScope _scope = null!;

    [SetUp]
    public void SetUp()
    {
        _temp = new TempFolder();
        _scope = new ToolScope(null, Path.Join(_temp.Path, "workspace"));
    }

    [TearDown]
    public void TearDown() => _temp.Dispose();

    private static SandboxCapabilities Machine => SandboxCapabilities.Current;

    private Task<ToolOutput> Python(string code, SandboxSettings? settings = null, SandboxCapabilities? capabilities = null) =>
        new RunPythonTool(_scope, settings ?? new SandboxSettings(), capabilities)
            .InvokeAsync(JsonSerializer.SerializeToElement(new { code }), CancellationToken.None);

    private Task<ToolOutput> Shell(string command, SandboxSettings? settings = null) =>
        new RunShellTool(_scope, settings ?? new SandboxSettings())
            .InvokeAsync(JsonSerializer.SerializeToElement(new { command }), CancellationToken.None);

    [Test]
    public void The_probe_reports_each_guarantee_on_one_line()
    {
        var lines = Machine.Lines().ToList();
        foreach (var line in lines) TestContext.Out.WriteLine(line);
        Assert.That(lines, Has.Some.StartWith("no network"));
        Assert.That(lines, Has.Some.StartWith("container backend"));
        Assert.That(Machine.Rlimits, Is.True, "prlimit (util-linux) must work: .ci/run installs it");
    }

    [Test]
    public async Task Code_runs_in_the_workspace_and_its_files_stay_there()
    {
        var output = await Python("import os; open('out.txt', 'w').write('hi'); print(os.getcwd())");
        Assert.That(output.IsError, Is.False, output.Text);
        Assert.That(output.Text, Does.Contain(_scope.Workspace));
        Assert.That(File.ReadAllText(Path.Join(_scope.Workspace, "out.txt")), Is.EqualTo("hi"));
        Assert.That(output.Fields["exit_code"], Is.EqualTo("0"));
    }

    [Test]
    public async Task A_failing_program_is_an_error_with_its_exit_code_and_stderr()
    {
        var output = await Shell("echo oops >&2; exit 3");
        Assert.That(output.IsError, Is.True);
        Assert.That(output.Text, Does.Contain("exit code: 3").And.Contain("oops"));
    }

    [Test]
    public async Task The_parent_environment_and_its_keys_are_not_passed_on()
    {
        Environment.SetEnvironmentVariable("OPENAI_API_KEY", "sk-parent-secret-123");
        try
        {
            var output = await Python("import os; print(sorted(os.environ.items()))");
            var shell = await Shell("env; cat /proc/self/environ | tr '\\0' '\\n'");
            Assert.That(output.Text + shell.Text, Does.Not.Contain("sk-parent-secret-123").And.Not.Contain("OPENAI_API_KEY"));
            Assert.That(output.Text, Does.Contain($"('HOME', '{_scope.Workspace}')"));
            Assert.That(output.Text, Does.Contain($"('TMPDIR', '{_scope.Workspace}/tmp')"));
        }
        finally
        {
            Environment.SetEnvironmentVariable("OPENAI_API_KEY", null);
        }
    }

    [Test]
    public async Task The_wall_clock_limit_kills_the_program_and_its_forked_grandchild()
    {
        var settings = new SandboxSettings { TimeoutSeconds = 2 };
        // The grandchild is orphaned (its parent subshell exits at once), so only a group or namespace kill reaches it.
        var output = await Shell("( (while true; do date +%s%N > tick; sleep 0.1; done) & ); while true; do sleep 1; done", settings);
        Assert.That(output.IsError, Is.True);
        Assert.That(output.Fields["timed_out"], Is.EqualTo("true"));
        Assert.That(output.Text, Does.Contain("wall-clock limit of 2 s"));
        var tick = Path.Join(_scope.Workspace, "tick");
        Assert.That(File.Exists(tick), Is.True, "the grandchild ran");
        var last = File.ReadAllText(tick);
        await Task.Delay(700);
        Assert.That(File.ReadAllText(tick), Is.EqualTo(last), "the grandchild still writes after the kill");
    }

    [Test]
    public async Task A_grandchild_in_its_own_session_dies_too_where_there_is_a_pid_namespace()
    {
        if (!Machine.PidNamespace) Assert.Ignore($"no PID namespace on this machine: {Machine.NetworkDetail}");
        var output = await Shell("setsid sh -c 'while true; do date +%s%N > tick; sleep 0.1; done' & while [ ! -s tick ]; do sleep 0.05; done; exit 0");
        Assert.That(output.Fields["exit_code"], Is.EqualTo("0"), output.Text);
        var tick = Path.Join(_scope.Workspace, "tick");
        await Task.Delay(300);
        var last = File.ReadAllText(tick);
        await Task.Delay(700);
        Assert.That(File.ReadAllText(tick), Is.EqualTo(last), "a setsid grandchild outlived the call");
    }

    [Test]
    public async Task Without_a_pid_namespace_an_escaped_grandchild_is_reported_not_waited_for()
    {
        // setsid + orphaning leaves the group and the process tree: only a PID namespace catches it, so without one
        // the call must neither hang on the pipe it holds nor claim it was stopped. The file says setsid has run.
        var tool = new RunShellTool(_scope, new SandboxSettings(), Machine with { PidNamespace = false });
        var output = await tool.InvokeAsync(JsonSerializer.SerializeToElement(new { command = "( setsid sh -c 'echo $$ > escaped; exec sleep 8' & ); while [ ! -s escaped ]; do sleep 0.05; done; echo started" }), CancellationToken.None);
        Assert.That(output.Text, Does.Contain("started"));
        Assert.That(output.Fields["survivor"], Is.EqualTo("true"));
        Assert.That(output.Text, Does.Contain("a background process survived the kill"));
    }

    [Test]
    public async Task Allocating_a_gigabyte_fails_under_the_memory_limit()
    {
        var output = await Python("b = bytearray(1024 ** 3); print('allocated', len(b))");
        Assert.That(output.IsError, Is.True, output.Text);
        Assert.That(output.Text, Does.Contain("MemoryError").And.Not.Contain("allocated"));
    }

    [Test]
    public async Task The_cpu_limit_stops_a_busy_loop_before_the_clock_does()
    {
        var output = await Python("while True: pass", new SandboxSettings { CpuSeconds = 1, TimeoutSeconds = 60 });
        Assert.That(output.IsError, Is.True);
        Assert.That(output.Fields["timed_out"], Is.EqualTo("false"), output.Text);
        Assert.That(output.Fields["exit_code"], Is.EqualTo("152"), output.Text);
        Assert.That(output.Fields["stopped_by"], Is.EqualTo("cpu"));
        Assert.That(output.Text, Does.StartWith("[stopped: CPU-time limit of 1 s reached (SIGXCPU)").And.Not.Contain("sigprocmask"));
    }

    [Test]
    public async Task Code_that_ignores_sigxcpu_is_killed_at_the_hard_limit_and_told_so()
    {
        var output = await Python("import signal\nsignal.signal(signal.SIGXCPU, signal.SIG_IGN)\nwhile True: pass",
            new SandboxSettings { CpuSeconds = 1, TimeoutSeconds = 60 });
        Assert.That(output.Fields["stopped_by"], Is.EqualTo("killed"), output.Text);
        Assert.That(output.Text, Does.StartWith("[stopped: killed by SIGKILL: the CPU-time hard limit (2 s)"));
    }

    [Test]
    public async Task The_sandbox_sees_only_its_own_processes()
    {
        if (!Machine.ProcMount) Assert.Ignore("unshare --mount-proc does not work here: the host's process list stays visible");
        var output = await Shell("ps -e -o pid=,comm= 2>/dev/null || ls /proc | grep -E '^[0-9]+$'");
        Assert.That(output.IsError, Is.False, output.Text);
        var processes = output.Text.Split('\n').Count(l => l.Trim().Length > 0 && char.IsDigit(l.Trim()[0]));
        Assert.That(processes, Is.InRange(1, 5), output.Text);
        Assert.That(output.Text, Does.Not.Contain("dotnet"));
    }

    [Test]
    public async Task Writing_past_the_file_size_limit_fails()
    {
        var output = await Python("open('big', 'wb').write(b'0' * (2 << 20))", new SandboxSettings { FileSizeBytes = 1 << 20 });
        Assert.That(output.IsError, Is.True, output.Text);
        Assert.That(new FileInfo(Path.Join(_scope.Workspace, "big")).Length, Is.LessThanOrEqualTo(1 << 20));
    }

    [Test]
    public async Task Output_past_the_cap_is_cut_and_the_program_stopped()
    {
        var settings = new SandboxSettings { OutputBytes = 1000, TimeoutSeconds = 60 };
        var output = await Python("while True: print('x' * 100)", settings);
        Assert.That(output.Fields["output_cut"], Is.EqualTo("true"));
        Assert.That(output.Fields["timed_out"], Is.EqualTo("false"), "the cap, not the clock, stopped it");
        var stdout = output.Text[(output.Text.IndexOf("stdout:\n", StringComparison.Ordinal) + 8)..];
        Assert.That(stdout.Count(c => c == 'x'), Is.LessThanOrEqualTo(1000));
    }

    [Test]
    public async Task The_process_count_limit_stops_a_fork_storm()
    {
        if (Machine.RunsAsRoot && Machine.DropToUid is null) Assert.Ignore("code runs as root here, which RLIMIT_NPROC does not bind (the probe says so)");
        const string forkStorm = """
            import os, time
            children = 0
            try:
                for _ in range(200):
                    if os.fork() == 0:
                        time.sleep(3); os._exit(0)
                    children += 1
                print('forked', children)
            except BlockingIOError as e:
                print('fork refused after', children, e)
            """;
        var output = await Python(forkStorm, new SandboxSettings { Processes = 20 });
        Assert.That(output.Text, Does.Contain("fork refused after").And.Contain("Resource temporarily unavailable"));
    }

    [Test]
    public async Task There_is_no_network_where_the_probe_says_unshare_works()
    {
        if (Machine.NetworkUnshare is null)
        {
            Assert.That(Machine.Lines(), Has.Some.StartWith("no network (empty network namespace): DOES NOT HOLD"));
            Assert.Ignore($"unshare does not work on this machine: {Machine.NetworkDetail}");
        }
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var connect = $"import socket; socket.create_connection(('127.0.0.1', {port}), timeout=3); print('connected')";

        var isolated = await Python(connect);
        Assert.That(isolated.IsError, Is.True, isolated.Text);
        Assert.That(isolated.Text, Does.Not.Contain("connected").And.Contain("Error"));
        Assert.That(listener.Pending(), Is.False);

        // Control: the same code without the namespace reaches the listener, so the check above can fail.
        var open = await Python(connect, capabilities: Machine with { NetworkUnshare = null, PidNamespace = false });
        Assert.That(open.Text, Does.Contain("connected"));
    }

    [Test]
    public void The_container_backend_needs_a_running_engine_and_isolates_the_network()
    {
        var none = Machine with { ContainerEngine = null, ContainerDetail = "no working engine: docker exited 1" };
        var e = Assert.Throws<MementoException>(() => SandboxFactory.Create(_scope, new SandboxSettings { Backend = "container" }, none));
        Assert.That(e!.Message, Does.Contain("docker exited 1"));

        var docker = new ContainerSandbox(_scope, new SandboxSettings(), Machine with { ContainerEngine = "docker" });
        var argv = docker.Launcher("box", "python3", ["-c", "print(1)"]);
        Assert.That(string.Join(' ', argv), Does.Contain("docker run --rm --name box --network none --memory 1073741824 --pids-limit 64"));
        Assert.That(argv.TakeLast(3), Is.EqualTo(new[] { "python3", "-c", "print(1)" }));
    }
}
