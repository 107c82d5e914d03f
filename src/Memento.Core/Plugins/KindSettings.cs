namespace Memento.Core.Plugins;

/// <summary>The bound settings records of one category's kinds, found by type: <c>config.Memory.Settings.Get&lt;QNetConfig&gt;()</c>.</summary>
public sealed class KindSettings(IReadOnlyList<(PluginSettings Settings, object Record)> records)
{
    public static readonly KindSettings None = new([]);

    public T Get<T>() where T : class =>
        records.Select(r => r.Record).OfType<T>().SingleOrDefault() ?? throw new MementoException($"config: no {typeof(T).Name} settings were bound");

    /// <summary>The record bound for <paramref name="settings"/>: the way to tell apart kinds whose records share a type
    /// (run_python and run_shell both read a sandbox record).</summary>
    public object Find(PluginSettings settings) => records.First(r => ReferenceEquals(r.Settings, settings)).Record;

    /// <summary>Records compare by value, so two configs that resolve alike are equal.</summary>
    public override bool Equals(object? obj) =>
        obj is KindSettings other && records.Select(r => r.Record).SequenceEqual(other.Records.Select(r => r.Record));

    public override int GetHashCode() => records.Count;

    private IReadOnlyList<(PluginSettings Settings, object Record)> Records => records;
}
