using System.Text.Encodings.Web;
using System.Text.Json;

namespace Memento.Core;

/// <summary>
/// The process's secrets (API keys, read only from the environment) and the one function that scrubs them from text.
/// A key can come back inside anything an LLM run produces — an answer or plan that repeats it, a tool result, a
/// server error echoing the Authorization header — so no producer is trusted: each writer of run output
/// (<c>trajectories.jsonl</c>, <c>episodes.csv</c>, <c>casebank.jsonl</c>) and the CLI's error line pass their
/// finished text through <see cref="Redact"/>. A key is registered with its JSON-escaped forms, once and twice over,
/// because a JSON writer may escape characters such as '+' and a plan is JSON text inside a JSON log line.
/// </summary>
public static class Secrets
{
    /// <summary>Shorter values are not treated as secrets: replacing them would mangle ordinary text.</summary>
    public const int MinimumLength = 4;

    private static readonly Lock Gate = new();
    private static (string Value, string Placeholder)[] _known = [];

    public static void Register(string value, string placeholder)
    {
        if (value.Length < MinimumLength) return;
        JavaScriptEncoder[] encoders = [JavaScriptEncoder.Default, JavaScriptEncoder.UnsafeRelaxedJsonEscaping];
        var once = encoders.Select(e => JsonEncodedText.Encode(value, e).ToString()).ToArray();
        string[] forms = [value, .. once, .. once.SelectMany(o => encoders.Select(e => JsonEncodedText.Encode(o, e).ToString()))];
        lock (Gate)
            _known = [.. _known, .. forms.Distinct().Where(f => _known.All(k => k.Value != f)).Select(f => (f, placeholder))];
    }

    /// <summary><paramref name="text"/> with every registered secret replaced by its placeholder (e.g. <c>&lt;OPENAI_API_KEY&gt;</c>).</summary>
    public static string Redact(string text)
    {
        foreach (var (value, placeholder) in Volatile.Read(ref _known))
            text = text.Replace(value, placeholder, StringComparison.Ordinal);
        return text;
    }
}
