using Memento.Core;
using Microsoft.Extensions.AI;

namespace Memento.Llm;

/// <summary>
/// The embeddings cache decorator: each text's vector is stored in the run's SQLite response cache under a SHA-256 of
/// (format version, endpoint, model, dimensions, text), so a rerun of the same texts sends no request; only the texts
/// not found go on, in one request, in their order. In <c>read-only</c> mode a text not found is an error and nothing
/// is sent.
/// </summary>
internal sealed class SqliteCachingEmbeddingGenerator(
    IEmbeddingGenerator<string, Embedding<float>> inner, SqliteResponseCache? cache, LlmEndpoint endpoint, int? dimensions)
    : DelegatingEmbeddingGenerator<string, Embedding<float>>(inner)
{
    private const int Version = 1;

    public override async Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        var texts = values as IReadOnlyList<string> ?? values.ToList();
        if (cache is null) return await base.GenerateAsync(texts, options, cancellationToken);

        var keys = texts.Select(Key).ToArray();
        var found = keys.Select(key => cache.Get(key) is { } stored ? VectorCodec.Decode(stored) : null).ToArray();
        var missing = Enumerable.Range(0, texts.Count).Where(i => found[i] is null).ToArray();
        if (missing.Length > 0)
        {
            if (cache.ReadOnly)
                throw new MementoException(
                    $"cache miss in read-only mode ({cache.FilePath}): no stored embedding of model '{endpoint.Model}' for {missing.Length} " +
                    $"of {texts.Count} texts (first key {keys[missing[0]][..12]}); no request was sent. Rerun with cache.mode: read-write to fill it.");
            var fresh = await base.GenerateAsync(missing.Select(i => texts[i]).ToArray(), options, cancellationToken);
            if (fresh.Count != missing.Length)
                throw new MementoException($"embeddings from {endpoint.Identity}: {fresh.Count} vectors for {missing.Length} texts");
            for (var j = 0; j < missing.Length; j++)
            {
                var vector = fresh[j].Vector.ToArray();
                found[missing[j]] = vector;
                cache.Put(keys[missing[j]], endpoint.Model, VectorCodec.Encode(vector));
            }
        }
        return new GeneratedEmbeddings<Embedding<float>>(found.Select(v => new Embedding<float>(v!)));
    }

    public string Key(string text) => SqliteCachingChatClient.Hash(new Dictionary<string, object?>
    {
        ["v"] = Version,
        ["kind"] = "embedding",
        ["endpoint"] = endpoint.Identity,
        ["dimensions"] = dimensions,
        ["text"] = text,
    });
}
