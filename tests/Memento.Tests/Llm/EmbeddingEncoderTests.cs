using Memento.Core;
using Memento.Core.Memory;
using Memento.Core.Text;
using Memento.Llm;
using Memento.Llm.Loopback;
using NUnit.Framework;

namespace Memento.Tests.Llm;

/// <summary>The <c>openai</c> encoder against the loopback server's <c>/v1/embeddings</c>: batching, retries, the
/// SQLite cache (a rerun sends nothing), and the key.</summary>
[NonParallelizable]
public class EmbeddingEncoderTests() : ApiKeyFixture(Variable, Secret)
{
    private const string Variable = "MEMENTO_EMBED_TEST_KEY";
    private const string Secret = "sk-embed+check/41c9e7";
    /// <summary>A deterministic 8-d "embedding model": letter counts folded into 8 buckets (not normalised, so the
    /// encoder's normalisation is exercised).</summary>
    private static float[] Letters(string text)
    {
        var v = new float[8];
        foreach (var ch in text.ToLowerInvariant()) if (ch is >= 'a' and <= 'z') v[(ch - 'a') % 8] += 1;
        v[7] += 0.5f;
        return v;
    }

    private static string[] Texts(int n) => Enumerable.Range(0, n).Select(i => $"question number {i} about {(char)('a' + i % 26)}").ToArray();

    private static OpenAiTextEncoder Encoder(LoopbackOpenAiServer server, LlmRuntime runtime, int batchSize = 16, int? dimensions = null) =>
        new(EmbeddingPipeline.Build(new LlmEndpoint(server.BaseUrl, "embed-small", Variable, TimeSpan.FromSeconds(10)), dimensions, runtime),
            "embed-small", batchSize, dimensions);

    [Test]
    public void Texts_go_in_batches_and_come_back_normalised_in_order()
    {
        using var server = new LoopbackOpenAiServer(_ => LoopbackReply.Text("unused")) { Embed = Letters };
        using var runtime = LlmWorld.Runtime();
        var encoder = Encoder(server, runtime, batchSize: 16, dimensions: 8);
        var texts = Texts(40);
        var rows = new float[texts.Length * 8];
        encoder.EncodeBatch(texts, rows);

        Assert.That(server.EmbeddingRequests.Select(r => r.Inputs.Count), Is.EqualTo(new[] { 16, 16, 8 }));
        Assert.That(server.EmbeddingRequests.All(r => r.Model == "embed-small" && r.Dimensions == 8));
        for (var i = 0; i < texts.Length; i++)
        {
            var row = rows.AsSpan(i * 8, 8);
            var expected = Letters(texts[i]);
            var norm = MathF.Sqrt(expected.Sum(x => x * x));
            Assert.That(row.ToArray(), Is.EqualTo(expected.Select(x => x / norm)).Within(1e-6f), texts[i]);
            Assert.That(VectorIndex.Dot(row, row), Is.EqualTo(1f).Within(1e-5f));
        }
    }

    [Test]
    public void Transient_errors_are_retried()
    {
        using var server = new LoopbackOpenAiServer(_ => LoopbackReply.Text("unused"), faultRate: 0.4, faultSeed: 3) { Embed = Letters };
        using var runtime = LlmWorld.Runtime();
        var encoder = Encoder(server, runtime, batchSize: 4);
        var rows = new float[20 * 8];
        encoder.EncodeBatch(Texts(20), rows);
        Assert.That(server.Faulted, Is.GreaterThan(0), "the server answered some requests with 429 or 500");
        Assert.That(server.EmbeddingRequests, Has.Count.EqualTo(5), "every batch of 4 got through in the end");
    }

    [Test]
    public void A_rerun_from_the_cache_sends_no_request_and_gives_the_same_vectors()
    {
        var cachePath = Path.Combine(Dir, "cache.sqlite");
        using var server = new LoopbackOpenAiServer(_ => LoopbackReply.Text("unused")) { Embed = Letters };
        var texts = Texts(30);
        var twice = new float[2 * texts.Length * 8];
        using (var runtime = LlmWorld.Runtime(cachePath))
            new CachingTextEncoder(Encoder(server, runtime, dimensions: 8)).EncodeBatch(texts.Concat(texts).ToArray(), twice);
        var sent = server.Requests;
        Assert.That(sent, Is.EqualTo(2), "each of the 30 distinct texts encoded once, in batches of 16");
        var first = twice[..(texts.Length * 8)];
        Assert.That(twice[(texts.Length * 8)..], Is.EqualTo(first));

        foreach (var mode in new[] { "read-write", "read-only" })
        {
            using var runtime = LlmWorld.Runtime(cachePath, mode);
            var again = new float[texts.Length * 8];
            Encoder(server, runtime, dimensions: 8).EncodeBatch(texts, again);
            Assert.That(again, Is.EqualTo(first), mode);
            Assert.That(server.Requests, Is.EqualTo(sent), $"{mode}: no request");
        }

        using var readOnly = LlmWorld.Runtime(cachePath, "read-only");
        var miss = Assert.Throws<MementoException>(() => Encoder(server, readOnly, dimensions: 8).Encode("a text never encoded", new float[8]))!;
        Assert.That(miss.Message, Does.Contain("read-only").And.Contain("no request was sent"));
        Assert.That(server.Requests, Is.EqualTo(sent));
    }

    [Test]
    public void The_key_is_sent_as_the_credential_and_written_nowhere()
    {
        var cachePath = Path.Combine(Dir, "cache.sqlite");
        // The server echoes the request's key into its error body when asked to embed "fail".
        using var server = new LoopbackOpenAiServer(_ => LoopbackReply.Text("unused"))
        {
            Embed = text => text == "fail" ? throw new InvalidOperationException("cannot embed") : Letters(text),
        };
        using var runtime = LlmWorld.Runtime(cachePath);
        var encoder = Encoder(server, runtime, dimensions: 8);
        encoder.EncodeBatch(Texts(3), new float[24]);
        Assert.That(server.EmbeddingRequests.All(r => r.Authorization == "Bearer " + Secret));

        var error = Assert.Catch<MementoException>(() => encoder.Encode("fail", new float[8]))!;
        Assert.That(error.Message, Does.Contain("cannot embed").And.Contain("<" + Variable + ">"), "the echoed key is replaced by its variable's name");
        Assert.That(error.Message, Does.Not.Contain(Secret));
        runtime.Dispose();
        Assert.That(File.ReadAllBytes(cachePath).AsSpan().IndexOf(System.Text.Encoding.UTF8.GetBytes(Secret)), Is.EqualTo(-1), "not in the cache file");
    }
}
