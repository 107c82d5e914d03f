using Memento.Cli.Running;
using Memento.Core;
using Memento.Core.Config;
using NUnit.Framework;

namespace Memento.Tests.Core;

/// <summary>Grid keys joined by '+' vary together (the ablation ladder's rungs set agent.mode and memory.policy at once).</summary>
public class JoinedGridKeyTests
{
    private static LoadedConfig Load(string grid)
    {
        var path = Path.Combine(TestPaths.TempDir(), "config.yaml");
        File.WriteAllText(path, "name: t\nagent: {kind: sim}\ngrid:\n" + grid);
        return ConfigLoader.Load(Plugins.All, path);
    }

    [Test]
    public void Each_value_sets_every_joined_key_and_the_other_keys_still_cross()
    {
        var points = ConfigLoader.Expand(Load("  memory.policy+memory.k: [[none, 0], [similarity, 4]]\n  seed: [1, 2]\n"));
        Assert.That(points.Select(p => p.FolderName), Is.EqualTo(new[]
        {
            "memory.policy-none_memory.k-0_seed-1", "memory.policy-none_memory.k-0_seed-2",
            "memory.policy-similarity_memory.k-4_seed-1", "memory.policy-similarity_memory.k-4_seed-2",
        }));
        Assert.That(points[2].SeriesLabel, Is.EqualTo("policy=similarity, k=4"));
        var sweep = Load("  memory.policy+memory.k: [[none, 0], [similarity, 4]]\n");
        Assert.That(ConfigLoader.ForPoint(sweep, ConfigLoader.Expand(sweep)[1]).Config.Memory, Has.Property("Policy").EqualTo("similarity").And.Property("K").EqualTo(4));
    }

    [TestCase("  memory.policy+memory.k: [[none, 0], [similarity]]\n", "grid.memory.policy+memory.k = '[similarity]' is invalid; expected a list of 2 values")]
    [TestCase("  memory.policy+memory.k: [none, similarity]\n", "grid.memory.policy+memory.k = 'none' is invalid; expected a list of 2 values")]
    public void A_value_that_is_not_one_value_per_key_is_refused(string grid, string message) =>
        Assert.That(() => Load(grid), Throws.TypeOf<MementoException>().With.Message.Contains(message));
}
