namespace Memento.Core.Config;

/// <summary>Knobs of the embedded simulator (docs/design.md §4, <c>agent.sim</c>). Base rates are success probabilities with no memory.</summary>
public sealed record SimConfig(
    double BaseRate, IReadOnlyDictionary<string, double> BaseRates, double SkillBoost, double FailedPlanWeight,
    double DistractionPenalty, double DifficultySpread, string? Calibration = null, double CalibrationPseudoCount = 1)
{
    public static SimConfig Bind(ConfigNode sn) => new(
        sn.Double("base_rate", 0.35, "success probability of a task with no memory", 0.001, 0.999),
        sn.NumberMap("base_rates", 0.001, 0.999, "base rate of source NAME, instead of base_rate"),
        sn.Double("skill_boost", 1.6, "logit added by the first retrieved successful case of the task's skill (each further one adds half as much)", 0, 10),
        sn.Double("failed_plan_weight", 0.2, "logit added by each retrieved failed case of the task's skill", -10, 10),
        sn.Double("distraction_penalty", 0.25, "logit taken away by each retrieved case of another skill", 0, 10),
        sn.Double("difficulty_spread", 1.0, "spread of the per-task difficulty taken away from the logit", 0, 10),
        sn.OptionalString("calibration", "real outcomes per question (Memento's memory.jsonl or training_data.jsonl) that set each matched question's no-memory success rate instead of the hashed difficulty (none: uncalibrated)"),
        sn.Double("calibration_pseudo_count", 1, "m: a labelled question's no-memory rate is (outcome + m·source rate) / (1 + m)", 0, 1000));
}
