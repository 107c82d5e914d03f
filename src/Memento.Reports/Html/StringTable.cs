namespace Memento.Reports.Html;

/// <summary>Every text of the report stored once: episodes, tasks and cases refer to texts by index. A sweep repeats
/// each question once per iteration and seed, and the simulator's plans are a few hundred templates, so this is what
/// keeps the embedded data of a 50,000-episode sweep a few megabytes.</summary>
internal sealed class StringTable
{
    private readonly Dictionary<string, int> _index = new(StringComparer.Ordinal) { [""] = 0 };
    private readonly List<string> _strings = [""];

    /// <summary>The texts in index order; index 0 is the empty text.</summary>
    public IReadOnlyList<string> Strings => _strings;

    public int Of(string? text)
    {
        if (string.IsNullOrEmpty(text)) return 0;
        if (_index.TryGetValue(text, out var i)) return i;
        _index[text] = _strings.Count;
        _strings.Add(text);
        return _strings.Count - 1;
    }
}
