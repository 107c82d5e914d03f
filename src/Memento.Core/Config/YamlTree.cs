using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;
using YamlDotNet.Serialization;

namespace Memento.Core.Config;

/// <summary>Loads YAML into plain trees (mappings as <c>Dictionary&lt;string, object?&gt;</c>, sequences as
/// <c>List&lt;object?&gt;</c>, scalars as strings), applies dotted-path overrides, and writes trees back.</summary>
public static class YamlTree
{
    /// <summary>Reads a config file. An empty one (nothing but blanks and comments) is refused: it would otherwise run a
    /// whole default experiment, which is never what a user who wrote a file meant.</summary>
    public static Dictionary<string, object?> LoadFile(string path)
    {
        if (!File.Exists(path)) throw MementoException.MissingFile(path, "config file");
        var tree = Parse(File.ReadAllText(path), path);
        if (tree.Count == 0) throw new MementoException($"{path}: the config file is empty; expected a mapping of keys (configs/quickstart.yaml is an example)");
        return tree;
    }

    public static Dictionary<string, object?> Parse(string yaml, string origin)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException e)
        {
            throw MementoException.AtLine(origin, e.Start.Line, "invalid YAML: " + (e.InnerException?.Message ?? e.Message));
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner fails this way, without a position, on a flow collection left open.
            throw UnclosedFlow(yaml, origin);
        }
        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is YamlScalarNode { Value: null or "" }) return new();
        return Convert(stream.Documents[0].RootNode) as Dictionary<string, object?>
            ?? throw new MementoException($"{origin}: the top level must be a mapping of keys");
    }

    /// <summary>Names the innermost <c>{</c> or <c>[</c> still open where the scanner gave up.</summary>
    private static MementoException UnclosedFlow(string yaml, string origin)
    {
        var open = new Stack<(Mark Start, string Text)>();
        var scanner = new Scanner(new StringReader(yaml));
        try
        {
            while (scanner.MoveNext())
            {
                switch (scanner.Current)
                {
                    case YamlDotNet.Core.Tokens.FlowMappingStart t: open.Push((t.Start, "{")); break;
                    case YamlDotNet.Core.Tokens.FlowSequenceStart t: open.Push((t.Start, "[")); break;
                    case YamlDotNet.Core.Tokens.FlowMappingEnd or YamlDotNet.Core.Tokens.FlowSequenceEnd when open.Count > 0: open.Pop(); break;
                }
            }
        }
        catch (Exception e) when (e is InvalidOperationException or YamlException) { }
        return open.TryPeek(out var innermost)
            ? MementoException.AtLine(origin, innermost.Start.Line, $"invalid YAML: '{innermost.Text}' at column {innermost.Start.Column} is never closed")
            : MementoException.AtLine(origin, scanner.CurrentPosition.Line, $"invalid YAML at column {scanner.CurrentPosition.Column}");
    }

    /// <summary>Parses the value of <c>--set key=value</c> as a YAML flow value, so lists work: <c>grid.seed=[1,2]</c>.</summary>
    public static object? ParseValue(string text)
    {
        var stream = new YamlStream();
        try { stream.Load(new StringReader("v: " + text)); }
        catch (YamlException) { return text; }
        return ((Dictionary<string, object?>)Convert(stream.Documents[0].RootNode)!)["v"];
    }

    /// <summary>Sets a dotted path (<c>memory.qnet.lr</c>), creating mappings on the way. A segment in double quotes
    /// is one key even if it holds dots (<c>prices."gpt-4.1".input_per_mtok</c>). Under <c>grid</c> the rest of the
    /// path is one key, since grid keys are themselves dotted paths (<c>grid.memory.policy=[none, qnet]</c>).</summary>
    public static void Set(Dictionary<string, object?> tree, string dottedPath, object? value)
    {
        var parts = dottedPath.StartsWith("grid.", StringComparison.Ordinal) ? ["grid", dottedPath[5..]] : SplitPath(dottedPath);
        var node = tree;
        for (var i = 0; i < parts.Length - 1; i++)
        {
            if (!node.TryGetValue(parts[i], out var child) || child is not Dictionary<string, object?> map)
            {
                if (child is not null and not Dictionary<string, object?>)
                    throw new MementoException($"--set {dottedPath}: '{string.Join('.', parts[..(i + 1)])}' is a value, not a mapping");
                map = new Dictionary<string, object?>();
                node[parts[i]] = map;
            }
            node = map;
        }
        node[parts[^1]] = value;
    }

    /// <summary>Applies <c>key=value</c> overrides in order.</summary>
    public static void ApplyOverrides(Dictionary<string, object?> tree, IEnumerable<string> assignments)
    {
        foreach (var assignment in assignments)
        {
            var eq = IndexOutsideQuotes(assignment, '=') is >= 0 and var outside ? outside : assignment.IndexOf('=');   // an unclosed quote: its key says so
            if (eq <= 0) throw new MementoException($"--set '{assignment}': expected key=value, e.g. memory.k=4");
            var (key, text) = (assignment[..eq].Trim(), assignment[(eq + 1)..]);
            // An empty value would parse as null and silently run with the key's default.
            if (string.IsNullOrWhiteSpace(text))
                throw new MementoException($"--set {key}=: no value after '='; give one (e.g. memory.k=4), or null to unset an optional key");
            Set(tree, key, ParseValue(text));
        }
    }

    /// <summary>The segments of a dotted key path; a double-quoted segment is taken whole, without its quotes.</summary>
    private static string[] SplitPath(string path)
    {
        var parts = new List<string>();
        var rest = path;
        while (true)
        {
            string part;
            if (rest.StartsWith('"'))
            {
                var close = rest.IndexOf('"', 1);
                if (close < 0) throw new MementoException($"--set {path}: a quoted key segment is not closed");
                part = rest[1..close];
                rest = rest[(close + 1)..];
                if (rest.Length > 0 && rest[0] != '.') throw new MementoException($"--set {path}: expected '.' after the quoted segment \"{part}\"");
            }
            else
            {
                var dot = rest.IndexOf('.');
                part = dot < 0 ? rest : rest[..dot];
                rest = dot < 0 ? "" : rest[dot..];
            }
            if (part.Length == 0) throw new MementoException($"--set {path}: empty key segment");
            parts.Add(part);
            if (rest.Length == 0) return [.. parts];
            rest = rest[1..];
        }
    }

    private static int IndexOutsideQuotes(string text, char wanted)
    {
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '"') quoted = !quoted;
            else if (text[i] == wanted && !quoted) return i;
        }
        return -1;
    }

    /// <summary>The dotted path of the first key whose value differs between two trees, or null when they are equal.</summary>
    /// <param name="absentFromA">Accepts a key that <paramref name="a"/> lacks, given its path and its value in
    /// <paramref name="b"/> (a key added since <paramref name="a"/> was written, at its default).</param>
    public static string? FirstDifference(object? a, object? b, string path = "", Func<string, object?, bool>? absentFromA = null)
    {
        switch (a, b)
        {
            case (Dictionary<string, object?> x, Dictionary<string, object?> y):
                foreach (var key in x.Keys.Union(y.Keys))
                {
                    var child = path.Length == 0 ? key : path + "." + key;
                    if (!x.ContainsKey(key) && absentFromA?.Invoke(child, y[key]) == true) continue;
                    if (FirstDifference(x.GetValueOrDefault(key), y.GetValueOrDefault(key), child, absentFromA) is { } d) return d;
                }
                return null;
            case (List<object?> x, List<object?> y):
                if (x.Count != y.Count) return path;
                return Enumerable.Range(0, x.Count).Select(i => FirstDifference(x[i], y[i], $"{path}[{i}]", absentFromA)).FirstOrDefault(d => d is not null);
            default:
                return Equals(a, b) ? null : path.Length == 0 ? "(root)" : path;
        }
    }

    public static Dictionary<string, object?> DeepCopy(Dictionary<string, object?> tree) =>
        (Dictionary<string, object?>)Copy(tree)!;

    /// <summary>Plain YAML: a value shared by two keys (the empty default list) is written out twice, never as an
    /// anchor and alias, so the file reads the same to a person and to any YAML parser.</summary>
    public static string Serialize(object tree) =>
        new SerializerBuilder().WithIndentedSequences().DisableAliases().Build().Serialize(tree);

    private static object? Copy(object? node) => node switch
    {
        Dictionary<string, object?> map => map.ToDictionary(p => p.Key, p => Copy(p.Value)),
        List<object?> list => list.Select(Copy).ToList(),
        _ => node,
    };

    private static object? Convert(YamlNode node) => node switch
    {
        YamlMappingNode map => map.Children.ToDictionary(
            p => ((YamlScalarNode)p.Key).Value ?? "",
            p => Convert(p.Value)),
        YamlSequenceNode seq => seq.Children.Select(Convert).ToList(),
        YamlScalarNode scalar => IsNull(scalar) ? null : scalar.Value,
        _ => null,
    };

    private static bool IsNull(YamlScalarNode scalar) =>
        scalar.Style == ScalarStyle.Plain && scalar.Value is null or "" or "~" or "null" or "Null" or "NULL";
}
