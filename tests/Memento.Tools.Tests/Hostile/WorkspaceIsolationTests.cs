using System.Runtime.Versioning;
using System.Text.Json;
using Memento.Tools.Sandbox;
using NUnit.Framework;

namespace Memento.Tools.Tests.Hostile;

/// <summary>
/// #26 item 5: code in one workspace attacks the others and the host's shared folders. Two workspaces stand for two
/// episodes or two <c>tools serve</c> processes; each attack is also run with the defence off, to show it would land.
/// </summary>
[UnsupportedOSPlatform("windows")]
public class WorkspaceIsolationTests
{
    private readonly List<string> _folders = [];

    private static SandboxCapabilities Machine => SandboxCapabilities.Current;

    [TearDown]
    public void TearDown()
    {
        foreach (var folder in _folders)
            try { Directory.Delete(folder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    /// <summary>A workspace under the system temp folder, or outside every shared-writable folder (which the sandbox
    /// replaces with its own): the test's folder, or /srv when the repository itself lies in /tmp.</summary>
    private ToolScope Workspace(bool underTmp)
    {
        var parent = underTmp ? Path.GetTempPath() : OutsideSharedFolders();
        var folder = Directory.CreateDirectory(Path.Join(parent, "memento-isolation-" + Guid.NewGuid().ToString("N"))).FullName;
        _folders.Add(folder);
        return new ToolScope(null, Path.Join(folder, "workspace"));
    }

    private static string OutsideSharedFolders()
    {
        var work = TestContext.CurrentContext.WorkDirectory;
        if (!new[] { "/tmp", "/var/tmp", "/dev/shm", "/run/lock" }.Any(f => work.StartsWith(f + "/", StringComparison.Ordinal))) return work;
        Assume.That(Machine.RunsAsRoot, Is.True, $"the test's folder {work} lies in a folder the sandbox replaces, and only root can make one elsewhere");
        return "/srv";
    }

    private static Task<ToolOutput> Shell(ToolScope scope, string command, SandboxSettings? settings = null) =>
        new RunShellTool(scope, settings ?? new SandboxSettings())
            .InvokeAsync(JsonSerializer.SerializeToElement(new { command }), CancellationToken.None);

    [Test]
    public async Task Code_writes_to_a_tmp_of_its_own_and_never_to_the_hosts()
    {
        if (!Machine.PrivateMounts) Assert.Ignore("no mount namespace here: the host's /tmp is shared (the probe says so)");
        var name = "memento-planted-" + Guid.NewGuid().ToString("N");
        var hostFile = Path.Join(Path.GetTempPath(), "memento-host-" + Guid.NewGuid().ToString("N"));
        await File.WriteAllTextAsync(hostFile, "host secret");
        File.SetUnixFileMode(hostFile, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        try
        {
            var output = await Shell(Workspace(underTmp: true),
                $"for d in /tmp /var/tmp /dev/shm /run/lock; do [ -d $d ] && echo planted > $d/{name} && echo wrote $d; done; cat {hostFile}; ls -A /tmp");

            Assert.That(output.Text, Does.Contain("wrote /tmp"), "the code's own /tmp works");
            Assert.That(output.Text, Does.Not.Contain("host secret"), "the host's /tmp is out of sight");
            foreach (var folder in new[] { "/tmp", "/var/tmp", "/dev/shm", "/run/lock" })
                Assert.That(File.Exists(Path.Join(folder, name)), Is.False, $"{folder} of the host was written: {output.Text}");
        }
        finally
        {
            File.Delete(hostFile);
        }
    }

    [TestCase(true, TestName = "Workspaces_under_tmp_are_out_of_each_others_reach")]
    [TestCase(false, TestName = "Workspaces_elsewhere_are_out_of_each_others_reach")]
    public async Task Code_in_one_workspace_can_neither_read_nor_write_another(bool underTmp)
    {
        if (!Machine.RunsAsRoot || Machine.DropToUid is null) Assert.Ignore("not run as root (or setpriv fails): every workspace has one uid here (the probe says so)");
        var (victim, attacker) = (Workspace(underTmp), Workspace(underTmp));
        var uidAlone = new SandboxSettings { HiddenFolders = [] };   // the test's folder is the working folder, hidden by default
        var written = await Shell(victim, "echo victim secret > secret.txt", uidAlone);
        Assert.That(written.IsError, Is.False, written.Text);

        var attack = await Shell(attacker, $"cat {victim.Workspace}/secret.txt; echo attacker > {victim.Workspace}/planted.txt; ls {victim.Workspace}", uidAlone);

        Assert.That(attack.Text, Does.Not.Contain("victim secret"));
        Assert.That(File.Exists(Path.Join(victim.Workspace, "planted.txt")), Is.False, attack.Text);
        Assert.That(await File.ReadAllTextAsync(Path.Join(victim.Workspace, "secret.txt")), Is.EqualTo("victim secret\n"));
    }

    [Test]
    public async Task With_one_shared_uid_the_same_attack_lands()
    {
        if (!Machine.RunsAsRoot || Machine.DropToUid is null) Assert.Ignore("not run as root: nothing to compare");
        var shared = new SandboxSettings { UidPerWorkspace = false, HiddenFolders = [] };
        var (victim, attacker) = (Workspace(underTmp: false), Workspace(underTmp: false));
        await Shell(victim, "echo victim secret > secret.txt", shared);

        var attack = await Shell(attacker, $"cat {victim.Workspace}/secret.txt; echo attacker > {victim.Workspace}/planted.txt", shared);

        Assert.That(attack.Text, Does.Contain("victim secret"), "the control: without a uid per workspace the attack works");
        Assert.That(File.Exists(Path.Join(victim.Workspace, "planted.txt")), Is.True);
    }

    [Test]
    public async Task A_workspace_keeps_its_uid_and_is_private_to_it()
    {
        if (!Machine.RunsAsRoot || Machine.DropToUid is null) Assert.Ignore("not run as root: the code keeps the harness's uid");
        var scope = Workspace(underTmp: false);
        var output = await Shell(scope, "id -u; touch mine; stat -c %u mine");
        var uid = SandboxWorkspace.UidOf(scope.Workspace);

        Assert.That(output.Text, Does.Contain($"{uid}\n{uid}"), output.Text);
        Assert.That(File.GetUnixFileMode(scope.Workspace) & (UnixFileMode.GroupRead | UnixFileMode.OtherRead | UnixFileMode.OtherExecute), Is.EqualTo(UnixFileMode.None));
        Assert.That(SandboxWorkspace.UidOf(scope.Workspace + "/."), Is.EqualTo(uid), "the same folder, the same uid");
    }

    [Test]
    public void Workspace_uids_lie_in_their_range_and_differ()
    {
        var uids = Enumerable.Range(0, 1000).Select(i => SandboxWorkspace.UidOf($"/results/run/workspaces/task-{i}-i1-a1/workspace")).ToList();
        Assert.That(uids, Has.All.InRange(SandboxWorkspace.FirstWorkspaceUid, SandboxWorkspace.FirstWorkspaceUid + (SandboxWorkspace.WorkspaceUids - 1)));
        Assert.That(uids.Distinct().Count(), Is.EqualTo(1000));
    }

    [Test]
    public async Task The_working_folder_and_its_gold_answers_are_out_of_sight_while_the_workspace_inside_it_works()
    {
        if (!Machine.PrivateMounts) Assert.Ignore("no mount namespace here: nothing can be hidden (the probe says so)");
        var project = Path.GetDirectoryName(Workspace(underTmp: false).Workspace)!;
        Directory.CreateDirectory(Path.Join(project, "datasets"));
        await File.WriteAllTextAsync(Path.Join(project, "datasets", "gold.jsonl"), """{"question": "q", "answer": "GOLD-ANSWER-42"}""");
        var scope = new ToolScope(null, Path.Join(project, "results", "run", "workspaces", "q-i1-a1", "workspace"));
        var command = $"cat {project}/datasets/gold.jsonl; ls -A {project}; echo mine > inside.txt; pwd";

        var hidden = await Shell(scope, command, new SandboxSettings { HiddenFolders = [project] });
        var open = await Shell(scope, command, new SandboxSettings { HiddenFolders = [] });

        Assert.That(hidden.Text, Does.Not.Contain("GOLD-ANSWER-42").And.Contain("gold.jsonl: No such file or directory"), hidden.Text);
        Assert.That(hidden.Text.Split('\n'), Does.Not.Contain("datasets"), "ls of the hidden folder shows only the way to the workspace");
        Assert.That(hidden.Text, Does.Contain(scope.Workspace), "the code works in its workspace, at its own path");
        Assert.That(await File.ReadAllTextAsync(Path.Join(scope.Workspace, "inside.txt")), Is.EqualTo("mine\n"), "its writes land in the real workspace");
        Assert.That(open.Text, Does.Contain("GOLD-ANSWER-42"), "the control: with nothing hidden the gold answers are readable");
    }

    [Test]
    public void The_mount_script_moves_a_workspace_inside_a_covered_folder_back_to_its_path()
    {
        var nothingHidden = new SandboxSettings { HiddenFolders = [] };
        var lines = MountView.Script("/tmp/run/workspace", nothingHidden).Split('\n');
        Assert.That(lines[1], Does.StartWith("mount -t tmpfs").And.EndWith(" '/var/tmp'"), "the staging tmpfs is one that does not hold the workspace");
        var move = Array.IndexOf(lines, "mount --move /var/tmp/.workspace \"$1\"");
        Assert.That(move, Is.GreaterThan(Array.FindIndex(lines, l => l.EndsWith(" '/tmp'"))));
        Assert.That(MountView.Script("/srv/run/workspace", nothingHidden), Does.Not.Contain("--move"));
    }

    [Test]
    public void The_system_a_shared_folder_and_the_inside_of_the_workspace_are_never_hidden()
    {
        Assume.That(TestContext.CurrentContext.WorkDirectory, Does.Not.StartWith("/tmp/"), "the test's folder must lie outside the shared folders");
        var workspace = Path.Join(TestContext.CurrentContext.WorkDirectory, "ws");
        Directory.CreateDirectory(Path.Join(workspace, "sub"));
        var hidden = MountView.Hidden(workspace, new SandboxSettings { HiddenFolders = ["/", "/usr/lib", "/tmp", Path.Join(workspace, "sub"), workspace, TestContext.CurrentContext.WorkDirectory] });
        Assert.That(hidden, Is.EqualTo(new[] { TestContext.CurrentContext.WorkDirectory }), "only the outermost folder that may be hidden");
    }
}
