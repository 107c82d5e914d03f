using Memento.Core.Plugins;
using System.Text.Json;
using Memento.Core.Config;
using Memento.Core.Memory;
using Memento.Core.Tasks;

namespace Memento.Core.Agents.Simulator;

/// <summary>
/// The embedded SIMULATOR (docs/design.md §4) — a contextual-bandit model of how much retrieved cases help a frozen
/// LLM planner. It is not an LLM and its numbers are never LLM results. Per episode:
///   p(success) = σ(b_source − d(s) + Σ_c w(c, s)),
/// where, for each retrieved case c with plan skill z(c):
///   z(c) = z(s), r(c) = 1 → skill_boost · 0.5^j for the j-th such case (diminishing returns);
///   z(c) = z(s), r(c) = 0 → failed_plan_weight (the right approach, executed badly before: a weak hint);
///   z(c) ≠ z(s)           → −distraction_penalty (so large K hurts unless retrieval is precise).
/// It emits real strings: a Memento-style JSON plan of the skill it followed and an answer (a gold answer on
/// success, another task's answer of the same kind on failure), so every scorer runs on real text.
/// </summary>
public sealed class SimulatedAgent : IAgent
{
    public static readonly Plugin<IAgent> Plugin = new("sim", "the embedded simulator (docs/design.md §4): no LLM, no network",
        context => new SimulatedAgent(context.Config.Agent.Settings.Get<SimConfig>(), context.Tasks))
    {
        Settings = PluginSettings.In("sim", SimConfig.Bind),
    };


    private readonly SimConfig _config;
    private readonly Dictionary<string, string[]> _answerPools;
    private readonly string[] _skills;
    private readonly Dictionary<string, string> _skillOfPlan;
    private readonly Dictionary<string, double> _calibratedLogits = new();

    public SimulatedAgent(SimConfig config, IReadOnlyList<QaTask> tasks)
    {
        _config = config;
        _answerPools = tasks.GroupBy(SkillModel.SkillOf).Concat(tasks.GroupBy(t => "source:" + t.Source))
            .ToDictionary(g => g.Key, g => g.Select(t => t.GoldAnswers[0]).Distinct().ToArray());
        _skills = tasks.Select(SkillModel.SkillOf).Distinct().Order(StringComparer.Ordinal).ToArray();
        // Plans are a pure function of the skill, so the simulator can recognise every plan it could write up front:
        // its view of a case never depends on which episodes it happened to play (a resumed run replays them).
        _skillOfPlan = _skills.ToDictionary(PlanFor);
        if (config.Calibration is not null) Calibrate(SimCalibration.Read(config.Calibration), tasks);
    }

    /// <summary>The logit of success with no memory: b_source − d(s), or the calibrated value (<see cref="SimCalibration"/>).</summary>
    public double NoMemoryLogit(QaTask task) =>
        _calibratedLogits.TryGetValue(task.Id, out var logit) ? logit : BaseLogit(task.Source) - SkillModel.Difficulty(task, _config.DifficultySpread);

    public Task<AgentResult> ActAsync(AgentRequest request, CancellationToken cancellationToken)
    {
        var task = request.Task;
        var skill = SkillModel.SkillOf(task);
        var logit = NoMemoryLogit(task) + CaseEffect(skill, request.Cases);
        var success = request.Rng.NextDouble() < 1 / (1 + Math.Exp(-logit));

        var followed = success ? skill : FailedSkill(skill, request.Cases, request.Rng);
        var answer = success ? task.GoldAnswers[0] : WrongAnswer(task, skill, request.Rng);
        return Task.FromResult(new AgentResult(answer, PlanFor(followed)));
    }

    /// <summary>Σ_c w(c, s) over the retrieved cases, in retrieval order.</summary>
    public double CaseEffect(string skill, IReadOnlyList<Case> cases)
    {
        var effect = 0.0;
        var helpful = 0;
        foreach (var c in cases)
        {
            if (SkillOfCase(c) != skill) effect -= _config.DistractionPenalty;
            else if (c.Reward == 1) effect += _config.SkillBoost * Math.Pow(0.5, helpful++);
            else effect += _config.FailedPlanWeight;
        }
        return effect;
    }

    public double BaseLogit(string source) => Logit(_config.BaseRates.TryGetValue(source, out var r) ? r : _config.BaseRate);

    private void Calibrate(SimCalibration calibration, IReadOnlyList<QaTask> tasks)
    {
        var sources = calibration.SourceRates(tasks);
        var m = _config.CalibrationPseudoCount;
        foreach (var task in tasks)
        {
            var rate = sources[task.Source].Rate;
            if (double.IsNaN(rate)) continue;
            _calibratedLogits[task.Id] = calibration.Outcome(task.Question) is { } y
                ? Logit((y + m * rate) / (1 + m))
                : Logit(rate) - SkillModel.Difficulty(task, _config.DifficultySpread);
        }
    }

    private static double Logit(double p)
    {
        p = Math.Clamp(p, 0.001, 0.999);
        return Math.Log(p / (1 - p));
    }

    /// <summary>The skill a case's plan follows: known for plans this simulator wrote; for imported plans,
    /// the structural skill of the case's question.</summary>
    private string SkillOfCase(Case c) =>
        _skillOfPlan.TryGetValue(c.Plan, out var skill) ? skill : SkillModel.StructuralSkill(c.Question);

    /// <summary>On failure, half the time the right plan was executed badly; otherwise the planner copied an
    /// off-skill retrieved plan, or picked a wrong approach on its own.</summary>
    private string FailedSkill(string skill, IReadOnlyList<Case> cases, Random rng)
    {
        if (rng.NextDouble() < 0.5 || _skills.Length < 2) return skill;
        var offSkill = cases.Select(SkillOfCase).Where(s => s != skill).ToArray();
        if (offSkill.Length > 0) return offSkill[rng.Next(offSkill.Length)];
        var other = _skills[rng.Next(_skills.Length - 1)];
        return other == skill ? _skills[^1] : other;
    }

    private string WrongAnswer(QaTask task, string skill, Random rng)
    {
        var gold = task.GoldAnswers.ToHashSet();
        var pool = _answerPools[skill].Length >= 2 ? _answerPools[skill] : _answerPools["source:" + task.Source];
        for (var tries = 0; tries < 8; tries++)
        {
            var candidate = pool[rng.Next(pool.Length)];
            if (!gold.Contains(candidate)) return candidate;
        }
        return "unknown";
    }

    private static string PlanFor(string skill) => JsonSerializer.Serialize(new
    {
        plan = SkillModel.PlanSteps(skill).Select((step, i) => new { id = i + 1, description = step }),
    });
}
