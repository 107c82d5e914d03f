using Memento.Cli.Running;
using System.Text.Json;
using Memento.Core.Agents;
using Memento.Core.Agents.Simulator;
using Memento.Core.Config;
using Memento.Core.Data;
using Memento.Core.Memory;
using Memento.Core.Tasks;
using NUnit.Framework;

namespace Memento.Tests.Core;

public class SimulatorTests
{
    private static readonly SimConfig Sim = ConfigLoader.FromTree(Plugins.All, new()).Config.Agent.Settings.Get<SimConfig>();
    private static readonly IReadOnlyList<QaTask> Tasks = SyntheticDataset.Generate(300, 7);

    private static AgentResult Act(SimulatedAgent agent, QaTask task, IReadOnlyList<Case> cases, int seed) =>
        agent.ActAsync(new AgentRequest(task, cases, 1, new Random(seed)), CancellationToken.None).Result;

    [Test]
    public void Synthetic_set_is_deterministic_unique_and_fast()
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var a = SyntheticDataset.Generate(800, 3);
        Assert.That(clock.Elapsed.TotalSeconds, Is.LessThan(5), "a few thousand tasks must not take long (generous bound)");
        var b = SyntheticDataset.Generate(800, 3);
        Assert.That(a.Select(t => (t.Question, t.GoldAnswers[0])), Is.EqualTo(b.Select(t => (t.Question, t.GoldAnswers[0]))));
        Assert.That(a.Select(t => t.Question).Distinct().Count(), Is.EqualTo(800));
        Assert.That(SyntheticDataset.Generate(50, 4).Select(t => t.Question), Is.Not.EqualTo(a.Take(50).Select(t => t.Question)));
        Assert.That(a.Select(SkillModel.SkillOf).Distinct().Count(), Is.EqualTo(SyntheticTemplates.All.Count));
    }

    [Test]
    public void Same_seed_same_episode_bit_for_bit()
    {
        var agent = new SimulatedAgent(Sim, Tasks);
        foreach (var task in Tasks.Take(50))
            Assert.That(Act(agent, task, [], 11), Is.EqualTo(Act(agent, task, [], 11)));
    }

    [Test]
    public void Success_answers_with_the_gold_and_a_json_plan_failure_with_a_wrong_answer()
    {
        var agent = new SimulatedAgent(Sim, Tasks);
        var outcomes = Tasks.Take(200).Select((t, i) => (Task: t, Result: Act(agent, t, [], i))).ToList();
        var successes = outcomes.Where(o => o.Result.Answer == o.Task.GoldAnswers[0]).ToList();
        Assert.That(successes.Count, Is.InRange(20, 120), "base rate near the configured 35% before difficulty");
        Assert.That(outcomes.Except(successes).All(o => !o.Task.GoldAnswers.Contains(o.Result.Answer)), Is.True);
        foreach (var (_, result) in outcomes)
        {
            using var plan = JsonDocument.Parse(result.Plan);
            Assert.That(plan.RootElement.GetProperty("plan").GetArrayLength(), Is.GreaterThanOrEqualTo(3));
        }
    }

    [Test]
    public void Same_skill_successes_help_and_off_skill_cases_distract_more_as_k_grows()
    {
        var agent = new SimulatedAgent(Sim, Tasks);
        var task = Tasks[0];
        var skill = SkillModel.SkillOf(task);
        var sameSkillTask = Tasks.First(t => t != task && SkillModel.SkillOf(t) == skill);
        var otherTask = Tasks.First(t => SkillModel.SkillOf(t) != skill);

        var bank = new CaseBank();
        Case CaseFrom(QaTask t, int reward)
        {
            // The simulator recognises plans it wrote itself: produce one by acting until the outcome matches.
            for (var seed = 0; ; seed++)
            {
                var r = Act(agent, t, [], seed);
                if ((r.Answer == t.GoldAnswers[0] ? 1 : 0) == reward) return bank.Write(t.Question, r.Plan, reward);
            }
        }
        var helpful = CaseFrom(sameSkillTask, 1);
        var offSkill = Enumerable.Range(0, 4).Select(_ => CaseFrom(otherTask, 1)).ToList();

        Assert.That(agent.CaseEffect(skill, [helpful]), Is.EqualTo(Sim.SkillBoost));
        Assert.That(agent.CaseEffect(skill, [helpful, helpful]), Is.EqualTo(1.5 * Sim.SkillBoost), "diminishing returns");
        Assert.That(agent.CaseEffect(skill, offSkill.Take(1).ToList()), Is.EqualTo(-Sim.DistractionPenalty));
        Assert.That(agent.CaseEffect(skill, offSkill), Is.EqualTo(-4 * Sim.DistractionPenalty).Within(1e-12));

        var rate = (IReadOnlyList<Case> cases) => Enumerable.Range(0, 400).Count(s => Act(agent, task, cases, 1000 + s).Answer == task.GoldAnswers[0]);
        Assert.That(rate([helpful]), Is.GreaterThan(rate([])));
        Assert.That(rate([]), Is.GreaterThan(rate(offSkill)));
    }

    [Test]
    public void Real_questions_get_a_structural_skill_that_look_alikes_do_not_share()
    {
        Assert.That(SkillModel.StructuralSkill("Who directed the film Jaws?"), Is.EqualTo("who-creation-1"));
        Assert.That(SkillModel.StructuralSkill("Where was the director of the film Jaws born?"), Is.Not.EqualTo(SkillModel.StructuralSkill("Where was the film Jaws shot?")));
        Assert.That(SkillModel.StructuralSkill("How many moons does Mars have?"), Does.StartWith("how-many"));
    }
}
