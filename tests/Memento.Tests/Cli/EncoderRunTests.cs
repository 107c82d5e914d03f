using Memento.Core.Results;
using Memento.Llm.Loopback;
using NUnit.Framework;

namespace Memento.Tests.Cli;

/// <summary>A run with each encoder kind (and each Q-network feature kind) is the same episode for episode under one
/// seed. The openai kind talks to the loopback server's embeddings route.</summary>
[Category("EndToEnd")]
[NonParallelizable]
public class EncoderRunTests
{
    private static List<EpisodeRecord> Episodes(string dir) =>
        CsvFiles.Read<EpisodeRecord>(Path.Combine(dir, "episodes.csv")).Select(e => e with { ReadMs = 0, ActMs = 0 }).ToList();

    private static float[] Bag(string text)
    {
        var v = new float[16];
        foreach (var word in text.ToLowerInvariant().Split(' ', '?', ',')) if (word.Length > 0) v[(int)(Memento.Core.StableHash.Of(word) % 16)] += 1;
        return v;
    }

    [TestCase("tfidf", "qnet", "hashed")]
    [TestCase("onnx", "qnet", "hashed")]
    [TestCase("onnx", "qnet", "encoder")]
    [TestCase("onnx", "kernel", "hashed")]
    [TestCase("openai", "qnet", "encoder")]
    public async Task A_run_is_deterministic_under_its_seed(string encoder, string policy, string features)
    {
        using var server = new LoopbackOpenAiServer(_ => LoopbackReply.Text("unused")) { Embed = Bag };
        var config = Path.Combine(TestPaths.TempDir(), "config.yaml");
        File.WriteAllText(config, $$"""
            name: enc
            dataset: {kind: synthetic, synthetic_tasks: 60}
            memory:
              policy: {{policy}}
              encoder:
                kind: {{encoder}}
                openai: {base_url: "{{server.BaseUrl}}", api_key_env: null, model: embed-test}
              qnet: {features: {{features}}, warmup: 16}
            schedule: {iterations: 2}
            """);
        var (a, b) = (Path.Combine(TestPaths.TempDir(), "a"), Path.Combine(TestPaths.TempDir(), "b"));
        var first = await CliRunner.RunAsync("run", config, "--out", a);
        Assert.That(first.Exit, Is.Zero, first.Err);
        Assert.That((await CliRunner.RunAsync("run", config, "--out", b)).Exit, Is.Zero);
        Assert.That(Episodes(b), Is.EqualTo(Episodes(a)));
        Assert.That(Episodes(a).Count(e => e.Retrieved.Length > 0), Is.GreaterThan(60), "reads returned cases");
        if (encoder == "openai") Assert.That(server.EmbeddingRequests, Is.Not.Empty);
    }
}
