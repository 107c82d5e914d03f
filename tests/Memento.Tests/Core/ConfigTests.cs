using Memento.Llm;
using Memento.Cli.Running;
using Memento.Core;
using Memento.Core.Config;
using NUnit.Framework;

namespace Memento.Tests.Core;

public class ConfigTests
{
    private static LoadedConfig Load(string yaml, params string[] overrides)
    {
        var path = Path.Combine(TestPaths.TempDir(), "config.yaml");
        File.WriteAllText(path, yaml);
        return ConfigLoader.Load(Plugins.All, path, overrides);
    }

    [Test]
    public void Defaults_fill_every_key_and_are_written_to_the_resolved_config()
    {
        var loaded = Load("name: t\n");
        Assert.That(loaded.Config.Memory.Policy, Is.EqualTo("similarity"));
        Assert.That(loaded.Config.Memory.K, Is.EqualTo(4));
        Assert.That(loaded.Config.Schedule.Iterations, Is.EqualTo(3));
        Assert.That(loaded.ResolvedYaml, Does.Contain("policy: similarity").And.Contain("iterations: 3").And.Contain("reward: em"));
    }

    [Test]
    public void The_simpleqa_judge_rewards_its_grade_by_default_and_pm_needs_an_llm_judge()
    {
        var simpleqa = Load("judge: {kind: simpleqa, model: grader}\n").Config.Judge;
        Assert.That((simpleqa.Kind, simpleqa.Reward, simpleqa.Settings.Get<LlmJudgeConfig>().Model), Is.EqualTo(("simpleqa", "pm", "grader")));
        Assert.That(Load("judge: {kind: simpleqa, reward: em}\n").Config.Judge.Reward, Is.EqualTo("em"));
        var e = Assert.Throws<MementoException>(() => Load("judge: {kind: gaia, reward: pm}\n"))!;
        Assert.That(e.Message, Does.Contain("judge.reward = 'pm'").And.Contain("pm needs judge.kind 'llm' or 'simpleqa'"));
    }

    [Test]
    public void Unknown_key_names_its_path_and_the_allowed_keys()
    {
        var e = Assert.Throws<MementoException>(() => Load("memory:\n  polcy: none\n"))!;
        Assert.That(e.Message, Does.Contain("memory.polcy").And.Contain("policy").And.Contain("k"));
    }

    [Test]
    public void Set_override_with_a_typo_is_an_unknown_key()
    {
        var e = Assert.Throws<MementoException>(() => Load("name: t\n", "memory.polcy=none"))!;
        Assert.That(e.Message, Does.Contain("'memory.polcy'"));
    }

    [Test]
    public void Set_overrides_any_key_and_parses_yaml_values()
    {
        var loaded = Load("memory: {policy: none}\n", "memory.policy=random", "memory.k=8", "grid.seed=[1, 2]");
        Assert.That(loaded.Config.Memory.Policy, Is.EqualTo("random"));
        Assert.That(loaded.Config.Memory.K, Is.EqualTo(8));
        Assert.That(loaded.Config.Grid["seed"], Is.EqualTo(new object?[] { "1", "2" }));
    }

    [TestCase("memory: {k: -1}", "memory.k = '-1'", "an integer in [0, 64]")]
    [TestCase("memory: {k: four}", "memory.k = 'four'", "an integer")]
    [TestCase("schedule: {parallelism: 0}", "schedule.parallelism = '0'", "an integer in [1, 1024]")]
    [TestCase("memory: {policy: magic}", "memory.policy = 'magic'", "none | random | similarity")]
    [TestCase("schedule: {shuffle: maybe}", "schedule.shuffle = 'maybe'", "true or false")]
    [TestCase("memory: 4", "memory = '4'", "a mapping")]
    public void Bad_values_name_the_value_and_what_was_expected(string yaml, string value, string expected)
    {
        var e = Assert.Throws<MementoException>(() => Load(yaml))!;
        Assert.That(e.Message, Does.Contain(value).And.Contain(expected));
    }

    [Test]
    public void Missing_file_names_the_path()
    {
        var e = Assert.Throws<MementoException>(() => ConfigLoader.Load(Plugins.All, "/no/such/config.yaml"))!;
        Assert.That(e.Message, Does.Contain("/no/such/config.yaml"));
    }

    [Test]
    public void Invalid_yaml_names_the_file_and_line()
    {
        var e = Assert.Throws<MementoException>(() => Load("name: t\nmemory: [unclosed\n"))!;
        Assert.That(e.Message, Does.Match(@"config\.yaml:\d+: invalid YAML"));
    }

    [Test]
    public void Set_under_grid_takes_the_dotted_rest_as_one_key()
    {
        var loaded = Load("grid: {memory.policy: [none]}\n", "grid.memory.policy=[random, similarity]");
        Assert.That(loaded.Config.Grid["memory.policy"], Is.EqualTo(new object?[] { "random", "similarity" }));
    }

    [Test]
    public void Grid_values_are_validated_before_any_run()
    {
        var e = Assert.Throws<MementoException>(() => Load("grid: {memory.polcy: [none]}\n"))!;
        Assert.That(e.Message, Does.Contain("memory.polcy"));
    }

    [Test]
    public void Grid_expands_to_the_cross_product_in_a_fixed_order()
    {
        var loaded = Load("grid: {memory.policy: [none, similarity], seed: [1, 2]}\n");
        var points = ConfigLoader.Expand(loaded);
        Assert.That(points.Select(p => p.FolderName), Is.EqualTo(new[]
        {
            "memory.policy-none_seed-1", "memory.policy-none_seed-2",
            "memory.policy-similarity_seed-1", "memory.policy-similarity_seed-2",
        }));
        var point = ConfigLoader.ForPoint(loaded, points[3]);
        Assert.That(point.Config.Memory.Policy, Is.EqualTo("similarity"));
        Assert.That(point.Config.Seed, Is.EqualTo(2));
        Assert.That(point.Config.Grid, Is.Empty);
        Assert.That(points[3].SeriesLabel, Is.EqualTo("policy=similarity"));
    }
}
