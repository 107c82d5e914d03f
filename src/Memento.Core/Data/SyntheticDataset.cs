using Memento.Core.Tasks;

namespace Memento.Core.Data;

/// <summary>The built-in synthetic multi-hop QA set: unique (template, entity) questions over a seeded world.
/// The task's skill is recorded under <see cref="QaTask.HiddenSkillKey"/> for the simulator only.</summary>
public static class SyntheticDataset
{
    public const string Source = "synthetic";

    public static IReadOnlyList<QaTask> Generate(int count, int seed)
    {
        var world = new SyntheticWorld(seed);
        var rng = new Random(seed ^ 0x5EED);
        var tasks = new List<QaTask>(count);
        var seen = new HashSet<string>();
        for (var attempts = 0; tasks.Count < count && attempts < count * 50; attempts++)
        {
            var template = SyntheticTemplates.All[rng.Next(SyntheticTemplates.All.Count)];
            var (question, answer, _) = template.Make(world, rng);
            if (!seen.Add(question)) continue;
            tasks.Add(new QaTask(
                $"syn-{tasks.Count:D5}", question, [answer], Source,
                Metadata: new Dictionary<string, string> { [QaTask.HiddenSkillKey] = template.Skill, ["hops"] = template.Hops.ToString() }));
        }
        return tasks;
    }
}
