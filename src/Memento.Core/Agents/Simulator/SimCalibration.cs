using System.Text.Json;
using Memento.Core.Data;
using Memento.Core.Scoring;
using Memento.Core.Tasks;

namespace Memento.Core.Agents.Simulator;

/// <summary>
/// <c>agent.sim.calibration</c>: real outcomes of an LLM agent on the questions, which replace the simulator's hashed
/// difficulty. Reads Memento's case bank (<c>memory.jsonl</c>: <c>case</c>, <c>case_label</c> positive | negative) or its
/// retriever pairs (<c>training_data.jsonl</c>: <c>query</c>, <c>truth_label</c>; every row of a query carries the
/// same label). Questions are matched by normalised text (Memento's files have no ids): lower-case, ASCII punctuation
/// → space, collapsed whitespace. A question seen several times gets its mean outcome.
/// <para>For a task with observed outcome rate y and the source's observed rate r_s (mean y over the source's
/// labelled tasks), the no-memory success probability is p = (y + m·r_s) / (1 + m) with m = <c>calibration_pseudo_count</c>:
/// one binary outcome is a noisy reading of p, so it is shrunk towards the source's rate (m = 0: p = y, clipped to
/// [0.001, 0.999]). Averaged over a source's labelled tasks, p equals r_s: the calibrated simulator's no-memory accuracy
/// matches the real one per source in expectation. Unlabelled tasks of a source with labels get r_s less the hashed
/// difficulty; sources with no labelled task keep <c>base_rate</c>/<c>base_rates</c>.</para>
/// </summary>
internal sealed class SimCalibration
{
    private readonly Dictionary<string, (double Sum, int Count)> _outcomes;

    private SimCalibration(Dictionary<string, (double Sum, int Count)> outcomes) => _outcomes = outcomes;

    /// <summary>Normalised questions that have a label.</summary>
    public int LabelledQuestions => _outcomes.Count;

    public static SimCalibration Read(string path)
    {
        var outcomes = new Dictionary<string, (double Sum, int Count)>();
        foreach (var (line, row) in JsonLines.Read(path, "agent.sim.calibration: labelled questions"))
        {
            var (question, success) = Label(row, path, line);
            var key = AnswerNormalizer.Normalize(question);
            var (sum, count) = outcomes.GetValueOrDefault(key);
            outcomes[key] = (sum + (success ? 1 : 0), count + 1);
        }
        if (outcomes.Count == 0) throw new MementoException($"{path}: the calibration file has no labelled questions");
        return new SimCalibration(outcomes);
    }

    /// <summary>The observed success rate of a question, or null when it has no label.</summary>
    public double? Outcome(string question) =>
        _outcomes.TryGetValue(AnswerNormalizer.Normalize(question), out var s) ? s.Sum / s.Count : null;

    /// <summary>Per source, the observed success rate over its labelled tasks and how many there are.</summary>
    public IReadOnlyDictionary<string, (double Rate, int Labelled, int Tasks)> SourceRates(IReadOnlyList<QaTask> tasks) =>
        tasks.GroupBy(t => t.Source).Select(g =>
        {
            var labelled = g.Select(t => Outcome(t.Question)).OfType<double>().ToArray();
            return (g.Key, Rate: labelled.Length == 0 ? double.NaN : labelled.Average(), Labelled: labelled.Length, Tasks: g.Count());
        }).ToDictionary(x => x.Key, x => (x.Rate, x.Labelled, x.Tasks));

    private static (string Question, bool Success) Label(JsonElement row, string path, long line)
    {
        // Retriever pairs carry a "case" field too: the query's own label decides.
        if (row.TryGetProperty("query", out _))
        {
            if (!row.TryGetProperty("truth_label", out var truth) || truth.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
                throw MementoException.AtLine(path, line, "field 'truth_label' must be true or false");
            return (row.RequiredString("query", path, line), truth.GetBoolean());
        }
        if (row.TryGetProperty("case", out _))
        {
            var label = row.RequiredString("case_label", path, line);
            return label switch
            {
                "positive" => (row.RequiredString("case", path, line), true),
                "negative" => (row.RequiredString("case", path, line), false),
                _ => throw MementoException.AtLine(path, line, $"field 'case_label' is '{label}'; expected positive or negative"),
            };
        }
        throw MementoException.AtLine(path, line,
            "expected Memento's memory.jsonl fields {case, case_label} or training_data.jsonl fields {query, truth_label}");
    }
}
