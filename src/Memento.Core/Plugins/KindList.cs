using Memento.Core.Config;

namespace Memento.Core.Plugins;

/// <summary>The registered kinds of one category (policies, agents, ...), in registration order, selected by the
/// config key <see cref="Key"/>.</summary>
public sealed class KindList<T>(string key, IReadOnlyList<T> kinds) where T : IPluginKind
{
    /// <summary>The key that selects a kind, e.g. <c>memory.policy</c>.</summary>
    public string Key { get; } = key;

    public IReadOnlyList<T> All { get; } = kinds.Select(k => k.Name).Distinct().Count() == kinds.Count
        ? kinds
        : throw new ArgumentException($"two {key} kinds share a name", nameof(kinds));

    public IReadOnlyList<string> Names => All.Select(k => k.Name).ToArray();

    /// <summary>The category in a word: <c>policy</c> for <c>memory.policy</c>, <c>agent</c> for <c>agent.kind</c>.</summary>
    private string Category => Key.Split('.') is var parts && parts[^1] == "kind" ? parts[^2] : parts[^1];

    public T Get(string name) =>
        All.FirstOrDefault(k => k.Name == name) ?? throw MementoException.BadValue(Key, name, "one of " + string.Join(" | ", Names));

    /// <summary>Reads the settings of every kind (not only the selected one), so the resolved config records them all and
    /// a sweep over kinds sees each one's values. Keys are marked as owned by their kinds for <c>--keys</c>.</summary>
    public KindSettings BindSettings(ConfigNode node)
    {
        var bound = new List<(PluginSettings, object)>();
        foreach (var group in All.Where(k => k.Settings is not null).GroupBy(k => k.Settings!))
        {
            using var _ = node.KeyList.OwnedBy($"{Category} {string.Join(", ", group.Select(k => k.Name))}");
            var settings = group.Key;
            if (settings.Section is null)
            {
                bound.Add((settings, settings.Bind(node)));
                continue;
            }
            var section = node.Section(settings.Section);
            bound.Add((settings, settings.Bind(section)));
            section.EnsureAllKeysKnown();
        }
        return new KindSettings(bound);
    }

    /// <summary>Runs the selected kind's own checks on its bound settings.</summary>
    public void CheckSelected(string name, KindSettings settings)
    {
        if (Get(name).Settings is { WhenSelected: { } check } s) check(settings.Find(s));
    }
}
