using Memento.Cli.Running;
using Memento.Core.Config;
using Memento.Core.Text;
using Memento.Llm;
using Memento.Llm.Loopback;
using Memento.Tools.Builtin;
using Memento.Tools.Text;
using NUnit.Framework;

namespace Memento.Tools.Tests.Builtin;

/// <summary>web_search re-ranking and fetch_page's query passages follow the run's encoder: a fake one that knows a
/// zebra is a "striped horse" puts the zebra text first, where TF-IDF puts the text sharing the query's words first.</summary>
public class RankerTests
{
    private const string Query = "striped horse";

    /// <summary>Two axes: texts about zebras (or the query's phrase) on one, everything else on the other.</summary>
    private sealed class ZebraEncoder : ITextEncoder
    {
        public int Encodes;

        public int Dimension => 2;

        public void Encode(string text, Span<float> destination)
        {
            Interlocked.Increment(ref Encodes);
            var zebra = text.Contains("zebra", StringComparison.OrdinalIgnoreCase) || text.Contains(Query, StringComparison.OrdinalIgnoreCase);
            destination[0] = zebra ? 1 : 0;
            destination[1] = zebra ? 0 : 1;
        }
    }

    private static float[] Zebra(string text) =>
        text.Contains("zebra", StringComparison.OrdinalIgnoreCase) || text.Contains(Query, StringComparison.OrdinalIgnoreCase) ? [1, 0] : [0, 1];

    /// <summary>A sentence said three times: a passage of about 60 tokens, so only one fits fetch_page's 64.</summary>
    private static string Paragraph(string sentence) => string.Join(" ", Enumerable.Repeat(sentence, 3));

    private static LoopbackWeb Web()
    {
        var web = new LoopbackWeb();
        web.Serve("/search", "application/json", """
            {"results":[
              {"title":"Horse racing","url":"https://race/","content":"A striped jersey wins the horse race."},
              {"title":"Weather","url":"https://weather/","content":"Sunny and mild."},
              {"title":"Zebra","url":"https://zebra/","content":"An African equid."}]}
            """);
        web.Serve("/page", "text/plain", string.Join("\n\n",
            Paragraph("The old horse stood in the stable wearing a striped blanket, and the striped blanket kept the horse warm."),
            Paragraph("The weather was mild all week long, with a little rain on Tuesday and sunshine for the rest of it."),
            Paragraph("Zebras live on the African savanna in large herds and are famously hard to tame or to ride.")));
        return web;
    }

    private static ToolSet Tools(LoopbackWeb web, TextRanker ranker) => BuiltinTools.Create(
        ConfigLoader.FromTree(Plugins.All, YamlTree.Parse($$"""
            tools:
              builtin: [web_search, fetch_page]
              web_search: {backend: searxng, base_url: "{{web.BaseUrl}}"}
              fetch_page: {allow_addresses: [127.0.0.1], max_tokens: 64, chunk_tokens: 64, max_retries: 0}
            """, "tools.yaml")).Config.Tools!,
        ToolServices.Default with { Ranker = ranker });

    private static async Task<(string Urls, string Page)> SearchAndRead(ToolSet tools, LoopbackWeb web)
    {
        var found = await tools.For(null).Single(t => t.Descriptor.Name == "web_search").Call(new { query = Query, max_results = 3 });
        var page = await tools.For(null).Single(t => t.Descriptor.Name == "fetch_page").Call(new { url = web.BaseUrl + "page", query = Query });
        Assert.That(page.IsError, Is.False, page.Text);
        return (found.Fields["urls"], page.Text);
    }

    [Test]
    public async Task Search_results_and_page_passages_follow_the_encoder_given()
    {
        using var web = Web();
        var encoder = new ZebraEncoder();
        using (var tools = Tools(web, TextRanker.With(new Lazy<ITextEncoder>(() => encoder))))
        {
            var (urls, page) = await SearchAndRead(tools, web);
            Assert.That(urls, Does.StartWith("https://zebra/ "));
            Assert.That(page, Does.Contain("Zebras live").And.Not.Contain("blanket"));
        }
        Assert.That(encoder.Encodes, Is.GreaterThan(0));

        using (var tools = Tools(web, TextRanker.TfIdf))
        {
            var (urls, page) = await SearchAndRead(tools, web);
            Assert.That(urls, Does.StartWith("https://race/ "), "TF-IDF ranks by shared words, so the encoder made the difference");
            Assert.That(page, Does.Contain("blanket"));
        }
    }

    [Test]
    public void A_run_with_an_openai_encoder_ranks_with_its_embeddings_endpoint_and_tfidf_stays_the_default()
    {
        using var server = new LoopbackOpenAiServer(_ => throw new InvalidOperationException("no chat here")) { Embed = Zebra };
        Environment.SetEnvironmentVariable("MEMENTO_TEST_RANKER_KEY", "sk-ranker-test");
        var config = ConfigLoader.FromTree(Plugins.All, YamlTree.Parse($$"""
            memory:
              encoder:
                kind: openai
                openai: {base_url: "{{server.BaseUrl}}", model: embedder, api_key_env: MEMENTO_TEST_RANKER_KEY}
            """, "run.yaml")).Config;
        using var runtime = LlmRuntime.From(CacheConfig.Off, config.Agent.Settings.Get<LlmAgentConfig>());
        var ranker = ExperimentFactory.ToolServices(config, runtime).Ranker;
        Assert.That(server.EmbeddingRequests, Is.Empty, "the encoder is made on first use");
        var order = ranker.TopK(Query, ["A striped jersey wins the horse race.", "Sunny and mild.", "Zebra: an African equid."], 3);
        Assert.That(order[0], Is.EqualTo(2));
        Assert.That(server.EmbeddingRequests.Select(r => r.Model), Is.All.EqualTo("embedder"));

        var plain = ConfigLoader.FromTree(Plugins.All, YamlTree.Parse("seed: 1", "run.yaml")).Config;
        Assert.That(ExperimentFactory.ToolServices(plain, null).Ranker, Is.SameAs(TextRanker.TfIdf));
    }
}
