using System.Text.RegularExpressions;
using Memento.Core.Data;
using Memento.Core.Tasks;

namespace Memento.Core.Agents.Simulator;

/// <summary>
/// The simulator's hidden view of a task: its skill z(s) (which plan solves it) and its difficulty d(s).
/// Synthetic tasks carry their template as the skill; for real questions the skill is a function of the
/// question's structure — wh-word, relation family, and a hop count read from nesting markers — which
/// look-alike questions (same entity, different relation or depth) do not share. Read policies never call this.
/// </summary>
internal static partial class SkillModel
{
    private static readonly (string Family, string[] Words)[] Relations =
    [
        ("birth", ["born", "birth", "birthplace"]),
        ("death", ["died", "death", "buried", "killed"]),
        ("creation", ["directed", "director", "wrote", "written", "author", "composed", "composer", "created", "founded", "founder", "designed", "produced", "producer", "sang", "sung", "invented"]),
        ("family", ["father", "mother", "son", "daughter", "wife", "husband", "spouse", "brother", "sister", "child", "married"]),
        ("membership", ["member", "played", "plays", "team", "band", "party", "league", "club", "starred", "cast"]),
        ("place", ["located", "capital", "country", "city", "state", "headquarters", "river", "where"]),
        ("time", ["year", "date", "century", "when"]),
        ("quantity", ["many", "much", "number", "population", "long", "old"]),
    ];

    private static readonly string[] WhWords = ["how many", "how much", "when", "where", "whose", "whom", "who", "which", "what", "how"];

    public static string SkillOf(QaTask task) =>
        task.Metadata is not null && task.Metadata.TryGetValue(QaTask.HiddenSkillKey, out var skill) ? skill : StructuralSkill(task.Question);

    public static string StructuralSkill(string question)
    {
        var q = " " + Words().Replace(question.ToLowerInvariant(), " ") + " ";
        var wh = WhWords.Select(w => (w, i: q.IndexOf(" " + w + " ", StringComparison.Ordinal))).Where(p => p.i >= 0)
            .OrderBy(p => p.i).Select(p => p.w.Replace(' ', '-')).FirstOrDefault() ?? "other";
        var relation = Relations.FirstOrDefault(r => r.Words.Any(w => q.Contains(" " + w + " ", StringComparison.Ordinal))).Family ?? "other";
        return $"{wh}-{relation}-{Hops(q)}";
    }

    /// <summary>d(s): a stable per-task offset in [−spread, spread] (hash of the task id, not the run seed).</summary>
    public static double Difficulty(QaTask task, double spread) => spread * (2 * StableHash.Unit(task.Id) - 1);

    /// <summary>The step list of a skill's plan: the template's steps for synthetic skills, else built from the
    /// structural skill's parts.</summary>
    public static IReadOnlyList<string> PlanSteps(string skill)
    {
        var template = SyntheticTemplates.All.FirstOrDefault(t => t.Skill == skill);
        if (template is not null) return template.PlanSteps;
        var parts = skill.Split('-');
        var hops = int.TryParse(parts[^1], out var h) ? h : 1;
        var relation = parts.Length >= 2 ? parts[^2] : "other";
        var wh = string.Join(' ', parts[..^2]);
        var steps = new List<string> { $"Parse the question: it asks '{wh}' about a {relation} relation", "Search for the main entity named in the question" };
        for (var hop = 2; hop <= hops; hop++) steps.Add($"Resolve intermediate entity {hop - 1} and search again");
        steps.Add($"Read the {relation} fact from the best source");
        steps.Add($"Answer with the '{wh}' value only");
        return steps;
    }

    private static int Hops(string q)
    {
        var markers = new[] { " of the ", " 's ", " who ", " which ", " that ", " whose " };
        var count = markers.Sum(m => Count(q, m));
        return Math.Clamp(1 + count / 2, 1, 3);
    }

    private static int Count(string text, string marker)
    {
        int n = 0, at = 0;
        while ((at = text.IndexOf(marker, at, StringComparison.Ordinal)) >= 0) { n++; at += marker.Length; }
        return n;
    }

    [GeneratedRegex(@"[^a-z0-9']+|(?='s)")]
    private static partial Regex Words();
}
