using System.Globalization;

namespace Memento.Core.Config;

/// <summary>
/// Strict, path-aware reading of one YAML mapping. Every getter records the value it resolved (default included),
/// so the resolved config written to a run folder is exactly what the run used; <see cref="EnsureAllKeysKnown"/>
/// rejects keys nobody asked for, naming the key's full path and the allowed keys.
/// </summary>
public sealed class ConfigNode
{
    private readonly Dictionary<string, object?> _values;
    private readonly List<string> _allowed = new();

    /// <param name="keys">Collects every key read with its default, range and doc line (<c>memento config --keys</c>);
    /// the sections of this node share it.</param>
    public ConfigNode(string path, Dictionary<string, object?> values, ConfigKeys? keys = null)
    {
        Path = path;
        _values = values;
        KeyList = keys ?? new ConfigKeys();
    }

    public string Path { get; }

    /// <summary>The documented keys read so far through this node and its sections.</summary>
    public ConfigKeys KeyList { get; }

    /// <summary>The resolved mapping, keys in the order they were read.</summary>
    private readonly List<KeyValuePair<string, object?>> _resolved = new();

    private delegate bool TryConvert<T>(object raw, out T value);

    public string String(string key, string defaultValue, string doc) => Read(key, defaultValue, AsString, "a string", doc);

    public string? OptionalString(string key, string doc) => Read<string?>(key, null, AsString, "a string", doc);

    /// <summary>The name of an environment variable. A value that is not a name is refused without being shown: the
    /// usual mistake is pasting the key itself, which must reach neither the terminal nor the resolved config.</summary>
    public string EnvironmentVariableName(string key, string defaultValue, string doc)
    {
        var value = Read(key, defaultValue, AsString, "an environment variable name", doc);
        if (!System.Text.RegularExpressions.Regex.IsMatch(value, "^[A-Za-z_][A-Za-z0-9_]*$"))
            throw new MementoException(
                $"config: {Full(key)} must name an environment variable (letters, digits and '_', e.g. OPENAI_API_KEY); " +
                "the value is not shown in case it is a key itself — put the key in that variable, never in the config");
        return value;
    }

    /// <summary>Like <see cref="EnvironmentVariableName"/>, but YAML <c>null</c> is a value: null is returned (for an API
    /// key: the endpoint needs none). An absent key gives <paramref name="defaultValue"/>; a null default is not
    /// recorded, so the resolved config leaves the key out too and a reload reads it as absent again.</summary>
    public string? OptionalEnvironmentVariableName(string key, string? defaultValue, string doc)
    {
        Allow(key);
        KeyList.Add(Full(key), defaultValue, "an environment variable name, or null for none", doc);
        if (!_values.TryGetValue(key, out var raw)) return defaultValue is null ? null : Record(key, defaultValue);
        return raw is null ? Record<string?>(key, null) : EnvironmentVariableName(key, "", doc);
    }

    /// <summary>True when the mapping holds <paramref name="key"/>, even with a null value.</summary>
    public bool Has(string key) => _values.ContainsKey(key);

    public string Choice(string key, string defaultValue, string doc, params IReadOnlyList<string> allowed)
    {
        var value = Read(key, defaultValue, AsString, "one of " + string.Join(" | ", allowed), doc);
        if (!allowed.Contains(value)) throw MementoException.BadValue(Full(key), value, "one of " + string.Join(" | ", allowed));
        return value;
    }

    public int Int(string key, int defaultValue, string doc, int min = int.MinValue, int max = int.MaxValue)
    {
        var expected = Range("an integer", min, max);
        var value = Read(key, defaultValue, (object v, out int i) => { i = 0; return v is string s && int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out i); }, expected, doc);
        if (value < min || value > max) throw MementoException.BadValue(Full(key), value, expected);
        return value;
    }

    public double Double(string key, double defaultValue, string doc, double min = double.MinValue, double max = double.MaxValue)
    {
        var expected = Range("a number", min, max);
        var value = Read(key, defaultValue, (object v, out double d) => { d = 0; return v is string s && double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out d) && double.IsFinite(d); }, expected, doc);
        if (value < min || value > max) throw MementoException.BadValue(Full(key), value, expected);
        return value;
    }

    /// <summary>A number that has no default: a missing key is an error naming it.</summary>
    public double RequiredDouble(string key, double min, double max, string doc)
    {
        if (!_values.TryGetValue(key, out var raw) || raw is null)
            throw MementoException.BadValue(Full(key), "", Range("a number", min, max) + " (required)");
        return Double(key, 0, doc, min, max);
    }

    /// <summary>The keys present in this mapping, for mappings keyed by name (per-model prices).</summary>
    public IReadOnlyList<string> Keys => _values.Keys.ToArray();

    public bool Bool(string key, bool defaultValue, string doc) =>
        Read(key, defaultValue, (object v, out bool b) => { b = false; return v is string s && bool.TryParse(s, out b); }, "true or false", doc);

    public IReadOnlyList<string> StringList(string key, IReadOnlyList<string> defaultValue, string doc)
    {
        Allow(key);
        KeyList.Add(Full(key), defaultValue, "a list of strings", doc);
        if (!_values.TryGetValue(key, out var raw) || raw is null) return Record(key, defaultValue);
        if (raw is string single) return Record(key, (IReadOnlyList<string>)new[] { single });
        if (raw is List<object?> list && list.All(i => i is string))
            return Record(key, (IReadOnlyList<string>)list.Cast<string>().ToArray());
        throw MementoException.BadValue(Full(key), Describe(raw), "a list of strings");
    }

    /// <summary>A mapping of string to number, e.g. per-source base rates.</summary>
    public IReadOnlyDictionary<string, double> NumberMap(string key, double min, double max, string doc)
    {
        KeyList.Add(Full(key) + ".NAME", null, Range("a number", min, max), doc);
        var node = Section(key);
        var map = new Dictionary<string, double>();
        foreach (var name in node.Keys) map[name] = node.Double(name, 0, doc, min, max);
        node.EnsureAllKeysKnown();
        return map;
    }

    public ConfigNode Section(string key)
    {
        Allow(key);
        _values.TryGetValue(key, out var raw);
        var child = raw switch
        {
            null => new ConfigNode(Full(key), new Dictionary<string, object?>(), KeyList),
            Dictionary<string, object?> map => new ConfigNode(Full(key), map, KeyList),
            _ => throw MementoException.BadValue(Full(key), Describe(raw), "a mapping of keys"),
        };
        Record(key, child);
        return child;
    }

    /// <summary>Raw access for keys whose values are free-form (the sweep grid).</summary>
    public Dictionary<string, object?>? RawMapping(string key, string doc)
    {
        Allow(key);
        KeyList.Add(Full(key), null, "a mapping", doc);
        if (!_values.TryGetValue(key, out var raw) || raw is null) return null;
        if (raw is Dictionary<string, object?> map) { Record(key, raw); return map; }
        throw MementoException.BadValue(Full(key), Describe(raw), "a mapping of keys");
    }

    public void EnsureAllKeysKnown()
    {
        foreach (var key in _values.Keys)
            if (!_allowed.Contains(key)) throw MementoException.UnknownKey(Full(key), _allowed);
    }

    /// <summary>The resolved tree as plain dictionaries and lists, ready to serialise.</summary>
    public Dictionary<string, object?> ToResolvedTree()
    {
        var tree = new Dictionary<string, object?>();
        foreach (var (key, value) in _resolved)
            tree[key] = value is ConfigNode child ? child.ToResolvedTree() : value;
        return tree;
    }

    /// <summary>Documents a key read by hand from a raw mapping (tool servers, prices, grid), so that
    /// <c>memento config --keys</c> lists it too.</summary>
    public void Document(string key, string expected, string doc) => KeyList.Add(Full(key), null, expected, doc);

    private T Read<T>(string key, T defaultValue, TryConvert<T> convert, string expected, string doc)
    {
        Allow(key);
        KeyList.Add(Full(key), defaultValue, expected, doc);
        if (!_values.TryGetValue(key, out var raw) || raw is null) return Record(key, defaultValue);
        if (!convert(raw, out var converted)) throw MementoException.BadValue(Full(key), Describe(raw), expected);
        return Record(key, converted);
    }

    private static bool AsString(object raw, out string value)
    {
        value = raw as string ?? "";
        return raw is string;
    }

    private T Record<T>(string key, T value)
    {
        _resolved.RemoveAll(p => p.Key == key);
        _resolved.Add(new(key, value));
        return value;
    }

    private void Allow(string key)
    {
        if (!_allowed.Contains(key)) _allowed.Add(key);
    }

    public string Full(string key) => Path.Length == 0 ? key : Path + "." + key;

    public static string Range(string kind, double min, double max) =>
        (min > double.MinValue / 2, max < double.MaxValue / 2) switch
        {
            (true, true) when min > int.MinValue && max < int.MaxValue => $"{kind} in [{Fmt(min)}, {Fmt(max)}]",
            (true, _) when min > int.MinValue => $"{kind} >= {Fmt(min)}",
            (_, true) when max < int.MaxValue => $"{kind} <= {Fmt(max)}",
            _ => kind,
        };

    private static string Fmt(double v) => v.ToString(CultureInfo.InvariantCulture);

    private static string Describe(object? raw) => raw switch
    {
        Dictionary<string, object?> => "{mapping}",
        List<object?> list => "[" + string.Join(", ", list.Select(Describe)) + "]",
        _ => raw?.ToString() ?? "null",
    };
}
