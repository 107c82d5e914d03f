using System.Collections.Concurrent;
using Memento.Core.Config;
using Memento.Core.Tasks;
using Memento.Core.Text;
using Memento.Llm;
using Memento.Onnx;

namespace Memento.Cli.Running;

/// <summary>
/// Builds the run's text encoder (<c>memory.encoder</c>). Every kind is wrapped so each distinct text is encoded once
/// per run, and the split's questions — known before the first episode — are encoded up front in large batches.
/// A local ONNX model is loaded once per process (sweep points share its session and its vectors) and, with a
/// <c>cache.path</c>, keeps its vectors in the cache file; the <c>openai</c> kind caches inside its request pipeline.
/// </summary>
public static class EncoderFactory
{
    private static readonly ConcurrentDictionary<string, Lazy<CachingTextEncoder>> Local = new();

    /// <param name="runtime">The run's LLM runtime (<see cref="LlmFactory.RuntimeFor"/>): required by <c>openai</c>; its
    /// cache file keeps ONNX vectors when there is one.</param>
    /// <param name="progress">(done, total) while the questions are encoded up front.</param>
    public static ITextEncoder For(ExperimentConfig config, IReadOnlyList<QaTask> tasks, LlmRuntime? runtime = null, Action<int, int>? progress = null)
    {
        var settings = config.Memory.Encoder;
        var questions = tasks.Select(t => t.Question);
        var encoder = settings.Kind switch
        {
            "hashed" => new CachingTextEncoder(Hashed(settings, tasks)),
            "onnx" when runtime?.Cache is { } cache => new CachingTextEncoder(Onnx(settings), new SqliteVectorStore(cache, OnnxIdentity(settings))),
            "onnx" => Onnx(settings),
            "openai" => new CachingTextEncoder(LlmFactory.Encoder(settings, runtime ?? throw new ArgumentNullException(nameof(runtime), "the openai encoder needs the run's LLM runtime"))),
            var other => throw Core.MementoException.BadValue("memory.encoder.kind", other, string.Join(" | ", EncoderConfig.Kinds)),
        };
        encoder.Warm(questions, progress);
        return encoder;
    }

    /// <summary>TF-IDF fitted on the split's questions: known before the first episode, so vectors never go stale.</summary>
    public static HashedTfIdfEncoder Hashed(EncoderConfig settings, IReadOnlyList<QaTask> tasks) =>
        new(settings.Dim, tasks.Select(t => t.Question));

    /// <summary>The process's encoder of one ONNX model and its settings, with every vector it has computed.</summary>
    public static CachingTextEncoder Onnx(EncoderConfig settings) =>
        Local.GetOrAdd(OnnxIdentity(settings), _ => new Lazy<CachingTextEncoder>(() =>
        {
            var model = settings.Model is null
                ? PackagedMiniLm.Get()
                : SentenceModel.FromFiles(settings.Model, settings.Vocab ?? Path.Combine(Path.GetDirectoryName(Path.GetFullPath(settings.Model))!, "vocab.txt"),
                    settings.Pooling is { } p ? PoolingConfig.Parse(p, "memory.encoder.pooling") : null);
            return new CachingTextEncoder(new OnnxSentenceEncoder(model, settings.BatchSize, settings.MaxTokens));
        })).Value;

    private static string OnnxIdentity(EncoderConfig s) =>
        $"onnx|{(s.Model is null ? PackagedMiniLm.Name : Path.GetFullPath(s.Model))}|{s.Vocab}|{s.Pooling}|{s.MaxTokens}";
}
