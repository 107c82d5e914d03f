using Memento.Core.Config;
using Memento.Core.Tasks;
using Memento.Core.Text;

namespace Memento.Core.Plugins;

/// <summary>What a plug-in's factory gets: the run's config and tasks, the registry (to build the encoder the config
/// names), and shared services such as the run's LLM runtime.</summary>
public sealed class PluginContext(ExperimentConfig config, IReadOnlyList<QaTask> tasks, PluginCatalog catalog, params IReadOnlyList<object?> services)
{
    public ExperimentConfig Config { get; } = config;
    public IReadOnlyList<QaTask> Tasks { get; } = tasks;

    /// <summary>A service the composition root provided, e.g. the LLM runtime; a clear error when it is missing.</summary>
    public T Service<T>() where T : class =>
        services.OfType<T>().FirstOrDefault() ?? throw new MementoException($"{typeof(T).Name} is not available to this plug-in");

    /// <summary>A service the composition root may provide (e.g. the built-in tools), or null.</summary>
    public T? OptionalService<T>() where T : class => services.OfType<T>().FirstOrDefault();

    /// <summary>The encoder named by <c>memory.encoder.kind</c>, built for this run's tasks.</summary>
    public ITextEncoder Encoder() => catalog.Encoders.Get(Config.Memory.Encoder).Create(this);
}
