using Memento.Cli.Running;
using Memento.Core;
using Memento.Core.Agents;
using Memento.Core.Agents.Simulator;
using Memento.Core.Config;
using Memento.Core.Data;
using Memento.Core.Tasks;
using NUnit.Framework;

namespace Memento.Tests.Core;

public class SimCalibrationTests
{
    private static readonly SimConfig Sim = ConfigLoader.FromTree(Plugins.All, new()).Config.Agent.Settings.Get<SimConfig>();

    private static double Sigmoid(double x) => 1 / (1 + Math.Exp(-x));

    [Test]
    public void Labelled_questions_match_by_normalised_text_and_shrink_towards_their_source_rate()
    {
        var dir = TestPaths.TempDir();
        var path = Path.Combine(dir, "memory.jsonl");
        File.WriteAllLines(path,
        [
            """{"case": "Who wrote  Hamlet?", "plan": "{}", "case_label": "positive"}""",
            """{"case": "what is the capital of France", "plan": "{}", "case_label": "negative"}""",
            """{"case": "Unrelated question?", "plan": "{}", "case_label": "positive"}""",
        ]);
        QaTask[] tasks =
        [
            new("nq_0", "who wrote Hamlet", ["Shakespeare"], "nq"),
            new("nq_1", "What is the capital of France?", ["Paris"], "nq"),
            new("nq_2", "How tall is Everest?", ["8849 m"], "nq"),
            new("tq_0", "Who painted the Mona Lisa?", ["Leonardo"], "tq"),
        ];
        var agent = new SimulatedAgent(Sim with { Calibration = path, CalibrationPseudoCount = 1 }, tasks);
        // nq: two labelled tasks, one success → r = 0.5. Success: (1 + 0.5) / 2; failure: (0 + 0.5) / 2.
        Assert.That(Sigmoid(agent.NoMemoryLogit(tasks[0])), Is.EqualTo(0.75).Within(1e-12));
        Assert.That(Sigmoid(agent.NoMemoryLogit(tasks[1])), Is.EqualTo(0.25).Within(1e-12));
        // Unlabelled task of a calibrated source: the source rate less its hashed difficulty.
        Assert.That(agent.NoMemoryLogit(tasks[2]), Is.EqualTo(0 - SkillModel.Difficulty(tasks[2], Sim.DifficultySpread)).Within(1e-12));
        // A source with no labelled task keeps the uncalibrated model.
        var plain = new SimulatedAgent(Sim, tasks);
        Assert.That(agent.NoMemoryLogit(tasks[3]), Is.EqualTo(plain.NoMemoryLogit(tasks[3])));
        // m = 0: the outcome itself, clipped.
        var literal = new SimulatedAgent(Sim with { Calibration = path, CalibrationPseudoCount = 0 }, tasks);
        Assert.That(Sigmoid(literal.NoMemoryLogit(tasks[0])), Is.EqualTo(0.999).Within(1e-9));
    }

    [Test]
    public void Retriever_pairs_label_a_query_by_its_truth_label_and_a_bad_row_names_its_line()
    {
        var dir = TestPaths.TempDir();
        var pairs = Path.Combine(dir, "training_data.jsonl");
        File.WriteAllLines(pairs,
        [
            """{"query": "Q one?", "case": "a", "case_label": "positive", "plan": "{}", "truth_label": true}""",
            """{"query": "Q one?", "case": "b", "case_label": "negative", "plan": "{}", "truth_label": true}""",
            """{"query": "Q two?", "case": "a", "case_label": "positive", "plan": "{}", "truth_label": false}""",
        ]);
        var calibration = SimCalibration.Read(pairs);
        Assert.That(calibration.LabelledQuestions, Is.EqualTo(2));
        Assert.That(calibration.Outcome("q one"), Is.EqualTo(1.0));
        Assert.That(calibration.Outcome("Q two?"), Is.EqualTo(0.0));
        Assert.That(calibration.Outcome("Q three?"), Is.Null);

        var bad = Path.Combine(dir, "bad.jsonl");
        File.WriteAllLines(bad, ["""{"case": "x", "case_label": "positive"}""", """{"case": "y", "case_label": "maybe"}"""]);
        var error = Assert.Throws<MementoException>(() => SimCalibration.Read(bad))!;
        Assert.That(error.Message, Does.Contain("bad.jsonl").And.Contain("2").And.Contain("positive or negative"));
    }

    [Test]
    public void Calibrated_no_memory_accuracy_matches_the_real_per_source_success_rate()
    {
        var memory = TestData.CaseBank;
        var tasks = MementoJsonlReader.Read(TestData.MementoJsonl);
        var calibration = SimCalibration.Read(memory);
        var agent = new SimulatedAgent(Sim with { Calibration = memory }, tasks);
        var rates = calibration.SourceRates(tasks);
        TestContext.Out.WriteLine($"{calibration.LabelledQuestions} labelled questions; {rates.Values.Sum(r => r.Labelled)} of {tasks.Count} tasks matched");
        TestContext.Out.WriteLine("| source | labelled / tasks | real success (labelled) | calibrated sim, no memory, all tasks (3 seeds) |");
        foreach (var (source, real) in rates.OrderBy(r => r.Key, StringComparer.Ordinal))
        {
            var group = tasks.Where(t => t.Source == source).ToArray();
            var wins = 0;
            for (var seed = 1; seed <= 3; seed++)
            {
                var rng = new Random(seed);
                foreach (var task in group)
                    if (task.GoldAnswers.Contains(agent.ActAsync(new AgentRequest(task, [], 1, rng), CancellationToken.None).Result.Answer)) wins++;
            }
            var simulated = wins / (3.0 * group.Length);
            TestContext.Out.WriteLine($"| {source} | {real.Labelled} / {real.Tasks} | {100 * real.Rate:F1} | {100 * simulated:F1} ({wins}/{3 * group.Length}) |");
            if (real.Labelled == 0) continue;
            // By construction the expected no-memory rate of the labelled tasks is the real rate exactly.
            var expected = group.Where(t => calibration.Outcome(t.Question) is not null).Average(t => Sigmoid(agent.NoMemoryLogit(t)));
            Assert.That(expected, Is.EqualTo(real.Rate).Within(1e-9), source);
            Assert.That(simulated, Is.EqualTo(real.Rate).Within(0.06), $"{source}: simulated no-memory accuracy near the real rate");
        }
        Assert.That(rates.Values.Sum(r => r.Labelled), Is.GreaterThan(1000), "most of memory.jsonl's questions are in the test set");
    }
}
