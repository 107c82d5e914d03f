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

    private ITextEncoder? _encoder;

    /// <summary>A service if the composition root provided one.</summary>
    public T? OptionalService<T>() where T : class => services.OfType<T>().FirstOrDefault();

    /// <summary>The encoder named by <c>memory.encoder.kind</c>, built once for this run: each distinct text is encoded
    /// once, and the run's questions — known before the first episode — are encoded up front in batches (reported to an
    /// <see cref="EncodingProgress"/> service when there is one). A composition root may provide a ready
    /// <see cref="ITextEncoder"/> instead (bench: the bare encoder, whose per-text cache would double a 1M-case index).</summary>
    public ITextEncoder Encoder()
    {
        if (_encoder is not null) return _encoder;
        if (OptionalService<ITextEncoder>() is { } given) return _encoder = given;
        var built = catalog.Encoders.Get(Config.Memory.Encoder).Create(this);
        var cached = built as CachingTextEncoder ?? new CachingTextEncoder(built);
        cached.Warm(Tasks.Select(t => t.Question), OptionalService<EncodingProgress>()?.Report);
        return _encoder = cached;
    }
}
