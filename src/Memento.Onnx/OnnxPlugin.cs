using System.Collections.Concurrent;
using Memento.Core.Plugins;
using Memento.Core.Text;

namespace Memento.Onnx;

/// <summary><c>memory.encoder.kind: onnx</c>. A model is loaded once per process, so the points of a sweep share its
/// session and every vector it has computed; with a cache file the vectors are also kept there for later runs.</summary>
public static class OnnxPlugin
{
    private static readonly ConcurrentDictionary<string, Lazy<CachingTextEncoder>> Loaded = new();

    public static readonly Plugin<ITextEncoder> Encoder = new("onnx", "a local sentence-transformer on ONNX Runtime (default: the packaged all-MiniLM-L6-v2, offline)",
        context =>
        {
            var settings = context.Config.Memory.EncoderSettings.Get<OnnxEncoderSettings>();
            var shared = Shared(settings);
            return context.OptionalService<IVectorStores>()?.For(settings.Identity) is { } store ? new CachingTextEncoder(shared, store) : shared;
        })
    {
        Settings = PluginSettings.In("onnx", OnnxEncoderSettings.Bind),
    };

    /// <summary>The process's encoder of one model and its settings, with every vector it has computed.</summary>
    public static CachingTextEncoder Shared(OnnxEncoderSettings settings) =>
        Loaded.GetOrAdd(settings.Identity, _ => new Lazy<CachingTextEncoder>(() =>
            new CachingTextEncoder(new OnnxSentenceEncoder(settings.Load(), settings.BatchSize, settings.MaxTokens)))).Value;
}
