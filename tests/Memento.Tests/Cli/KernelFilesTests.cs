using NUnit.Framework;

namespace Memento.Tests.Cli;

/// <summary>The kernel policy leaves files named after it — its projection <c>kernel.pt</c>, loadable as
/// <c>memory.kernel.init</c>, and <c>kernel_training.csv/png</c> — never the Q-network's names (issue 13, item 11).</summary>
public class KernelFilesTests
{
    private static Task<(int Exit, string Out, string Err)> RunKernel(string dir, string name, params string[] sets)
    {
        var config = Path.Combine(dir, "kernel.yaml");
        File.WriteAllText(config, "name: kernel\ndataset: {kind: synthetic, synthetic_tasks: 30}\nmemory: {policy: kernel, k: 2, kernel: {projection_dim: 8, batch_size: 8}}\nschedule: {iterations: 1}\n");
        return CliRunner.RunAsync([.. new[] { "run", config, "--out", Path.Combine(dir, name) }, .. sets.SelectMany(s => new[] { "--set", s })]);
    }

    [Test]
    public async Task A_kernel_run_saves_its_projection_under_its_own_names_and_a_later_run_starts_from_it()
    {
        var dir = TestPaths.TempDir();
        var (exit, _, err) = await RunKernel(dir, "first");
        Assert.That(exit, Is.Zero, err);
        var first = Path.Combine(dir, "first");
        foreach (var file in new[] { "kernel.pt", "kernel_training.csv", "kernel_training.png" })
            Assert.That(File.Exists(Path.Combine(first, file)), Is.True, file);
        Assert.That(Directory.GetFiles(first, "qnet*"), Is.Empty, "no file under the Q-network's names");

        var checkpoint = Path.Combine(first, "kernel.pt");
        (exit, _, err) = await RunKernel(dir, "second", "memory.kernel.init=" + checkpoint);
        Assert.That(exit, Is.Zero, err);
        Assert.That(File.ReadAllBytes(checkpoint), Is.Not.EqualTo(File.ReadAllBytes(Path.Combine(dir, "second", "kernel.pt"))), "the loaded projection kept training");

        (exit, _, err) = await RunKernel(dir, "third", "memory.kernel.init=" + checkpoint, "memory.kernel.projection_dim=16");
        Assert.That(exit, Is.EqualTo(2));
        Assert.That(CliRunner.Messages(err), Is.EqualTo(new[]
        {
            $"error: config: memory.kernel.init = '{checkpoint}' does not match the config: memory.kernel.projection_dim = 16 but the checkpoint has 8",
        }));
    }
}
