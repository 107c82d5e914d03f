using Memento.Core.Config;
using Memento.Core.Tasks;

namespace Memento.Core.Plugins;

/// <summary>A registered dataset kind: reads the tasks of <c>dataset.path</c> (the filters are applied after it).</summary>
public sealed record DatasetReaderPlugin(string Name, string Doc, Func<DatasetConfig, IReadOnlyList<QaTask>> Read) : IPluginKind
{
    public PluginSettings? Settings { get; init; }
}
