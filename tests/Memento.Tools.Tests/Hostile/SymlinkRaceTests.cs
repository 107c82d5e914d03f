using Memento.Tools.Files;
using NUnit.Framework;

namespace Memento.Tools.Tests.Hostile;

/// <summary>
/// The race of #26: code in the workspace swaps a folder that read_file has just checked for a symlink to a folder
/// outside (here the parent of the scope, standing for a root-only folder), while read_file calls run. Before, the
/// checked path was opened by name and followed the new symlink (449 of 4,000 calls read the outside file); now each
/// component is opened without following symlinks from the folder's handle, so a swapped-in link is refused.
/// </summary>
[Category("Slow")]
public class SymlinkRaceTests
{
    [Test]
    public async Task A_folder_swapped_for_a_symlink_while_reads_run_never_yields_the_outside_file()
    {
        using var temp = new TempFolder();
        var workspace = temp.Sub("workspace");
        var outside = temp.Sub("outside");
        File.WriteAllText(Path.Join(outside, "f.txt"), "OUTSIDE-SECRET");
        var checkedFolder = Path.Join(workspace, "d");
        var parked = Path.Join(workspace, "d.real");
        Directory.CreateDirectory(checkedFolder);
        File.WriteAllText(Path.Join(checkedFolder, "f.txt"), "inside");
        var tool = new ReadFileTool(new ToolScope(null, workspace), new ReadFileSettings());

        using var stop = new CancellationTokenSource();
        var swaps = 0;
        var swapper = Task.Run(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                Directory.Move(checkedFolder, parked);
                Directory.CreateSymbolicLink(checkedFolder, outside);
                Thread.SpinWait(200);
                File.Delete(checkedFolder);
                Directory.Move(parked, checkedFolder);
                swaps++;
            }
        });
        int inside = 0, refused = 0, leaked = 0;
        for (var i = 0; i < 4000; i++)
        {
            var output = await tool.Call(new { path = "d/f.txt" });
            if (output.Text.Contains("OUTSIDE-SECRET")) leaked++;
            else if (output.Text == "inside") inside++;
            else refused++;
        }
        await stop.CancelAsync();
        await swapper;
        TestContext.Out.WriteLine($"4000 reads during {swaps} swaps: {inside} inside, {refused} refused, {leaked} leaked");
        Assert.That(swaps, Is.GreaterThan(100), "the swapper ran during the reads");
        Assert.That(leaked, Is.Zero);
        Assert.That(inside, Is.GreaterThan(0));
    }

    [Test]
    public void A_component_that_became_a_symlink_after_the_check_is_refused_by_name()
    {
        using var temp = new TempFolder();
        var folder = temp.Sub("d");
        File.WriteAllText(Path.Join(temp.Path, "secret.txt"), "s");
        File.WriteAllText(Path.Join(folder, "secret.txt"), "inside");
        var resolved = Path.Join(folder, "secret.txt");          // checked while d was a folder
        Directory.Delete(folder, recursive: true);
        Directory.CreateSymbolicLink(folder, temp.Path);         // then swapped
        var refusal = Assert.Throws<FileRefusedException>(() => ConfinedFile.OpenResolved(resolved, "d/secret.txt").Dispose())!;
        Assert.That(refusal.Message, Is.EqualTo("'d/secret.txt' could not be opened: a component changed into a symbolic link after the path was checked"));
    }
}
