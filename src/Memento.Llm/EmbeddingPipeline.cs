using Microsoft.Extensions.AI;

namespace Memento.Llm;

/// <summary>
/// Builds the embeddings client of <c>memory.encoder.kind: openai</c>: the OpenAI SDK's embedding client against any
/// OpenAI-compatible <c>/v1/embeddings</c>, through the same layers as chat (<see cref="ChatPipeline"/>), read top to
/// bottom as a request travels: errors redacted → vector cache (per text) → retries with backoff → client-side rate
/// limit → HTTP.
/// </summary>
internal static class EmbeddingPipeline
{
    public static IEmbeddingGenerator<string, Embedding<float>> Build(LlmEndpoint endpoint, int? dimensions, LlmRuntime runtime)
    {
        var retry = RetryPipeline.Build(runtime.MaxRetries, runtime.RetryBaseDelay);
        return ChatPipeline.Client(endpoint, runtime).GetEmbeddingClient(endpoint.Model).AsIEmbeddingGenerator(dimensions)
            .AsBuilder()
            .Use(inner => new Decorator(inner, (texts, options, next, ct) => RedactingChatClient.Guard(() => next(texts, options, ct), endpoint, ct)))
            .Use(inner => new SqliteCachingEmbeddingGenerator(inner, runtime.Cache, endpoint, dimensions))
            .Use(inner => new Decorator(inner, (texts, options, next, ct) =>
                retry.ExecuteAsync(async token => await next(texts, options, token), ct).AsTask()))
            .Use(inner => new Decorator(inner, (texts, options, next, ct) => runtime.Gate.RunAsync(token => next(texts, options, token), ct)))
            .Build();
    }

    private delegate Task<GeneratedEmbeddings<Embedding<float>>> Next(
        IReadOnlyList<string> texts, EmbeddingGenerationOptions? options, CancellationToken cancellationToken);

    /// <summary>One layer: the shared rule (redaction, retries, rate limit) around the rest of the pipeline.</summary>
    private sealed class Decorator(
        IEmbeddingGenerator<string, Embedding<float>> inner,
        Func<IReadOnlyList<string>, EmbeddingGenerationOptions?, Next, CancellationToken, Task<GeneratedEmbeddings<Embedding<float>>>> layer)
        : DelegatingEmbeddingGenerator<string, Embedding<float>>(inner)
    {
        public override Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
            IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default) =>
            layer(values as IReadOnlyList<string> ?? values.ToList(), options, (t, o, ct) => base.GenerateAsync(t, o, ct), cancellationToken);
    }
}
