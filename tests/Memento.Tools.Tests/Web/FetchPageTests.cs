using System.Text;
using Memento.Tools.Http;
using Memento.Tools.Web;
using NUnit.Framework;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Fonts.Standard14Fonts;
using UglyToad.PdfPig.Writer;

namespace Memento.Tools.Tests.Web;

/// <summary>fetch_page against a loopback server of generated HTML, PDF and text fixtures (loopback allowed by
/// setting), and its refusals under the default settings.</summary>
public class FetchPageTests
{
    private static readonly HttpSettings Quick = new(TimeoutS: 5, MaxRetries: 0, RetryDelayS: 0.01, RequestsPerMinute: 0);
    private static readonly FetchSettings Local = new(AllowPrivate: true);

    private const string Article = """
        <html><head><title>Curie</title><script>var tracking = "SECRET-SCRIPT";</script><style>p{}</style></head>
        <body><nav><a href="/home">Home</a> | <a href="/about">About</a></nav>
        <article><h1>Marie Curie</h1>
        <p>Marie <b>Curie</b> was a physicist and chemist who conducted pioneering research on radioactivity.
        She was the first woman to win a Nobel Prize, the first person to win a Nobel Prize twice, and the only person
        to win a Nobel Prize in two scientific fields. See <a href="/wiki/Nobel_Prize">the prize</a>.</p>
        <h2>Early life</h2>
        <p>Maria Sklodowska was born in Warsaw, in what was then the Kingdom of Poland, part of the Russian Empire.
        Her father taught mathematics and physics; her mother ran a boarding school for girls.</p>
        <ul><li>Physics, 1903</li><li>Chemistry, 1911</li></ul>
        <table><tr><th>Year</th><th>Prize</th></tr><tr><td>1903</td><td>Physics</td></tr></table>
        </article><footer>Copyright</footer></body></html>
        """;

    public static byte[] Pdf(params string[] pages)
    {
        var builder = new PdfDocumentBuilder();
        var font = builder.AddStandard14Font(Standard14Font.Helvetica);
        foreach (var text in pages)
            builder.AddPage(PageSize.A4).AddText(text, 12, new PdfPoint(40, 750), font);
        return builder.Build();
    }

    [Test]
    public async Task Html_becomes_the_main_content_as_markdown()
    {
        using var web = new LoopbackWeb().Serve("/curie", "text/html; charset=utf-8", Article);
        using var tool = new FetchPageTool(Local, Quick);
        var output = await tool.Call(new { url = web.BaseUrl + "curie" });
        Assert.That(output.IsError, Is.False, output.Text);
        Assert.That(output.Text, Does.StartWith($"URL: {web.BaseUrl}curie\n\n"));
        Assert.That(output.Text, Does.Contain("Marie **Curie** was a physicist"));
        Assert.That(output.Text, Does.Contain("## Early life"));
        Assert.That(output.Text, Does.Contain($"[the prize]({web.BaseUrl}wiki/Nobel_Prize)"), "links made absolute");
        Assert.That(output.Text, Does.Contain("- Chemistry, 1911"));
        Assert.That(output.Text, Does.Contain("| 1903 | Physics |"));
        Assert.That(output.Text, Does.Not.Contain("SECRET-SCRIPT"));
        Assert.That(output.Fields["kind"], Is.EqualTo("html"));
        Assert.That(output.Fields["status"], Is.EqualTo("200"));
        Assert.That(output.Fields["bytes"], Is.EqualTo(Encoding.UTF8.GetByteCount(Article).ToString()));
    }

    [Test]
    public async Task A_pdf_is_read_page_by_page()
    {
        using var web = new LoopbackWeb().Serve("/paper.pdf", "application/pdf", Pdf("Radioactivity was measured in 1898.", "Polonium and radium."));
        using var tool = new FetchPageTool(Local, Quick);
        var output = await tool.Call(new { url = web.BaseUrl + "paper.pdf" });
        Assert.That(output.IsError, Is.False, output.Text);
        Assert.That(output.Text, Does.Contain("--- page 1 ---\nRadioactivity was measured in 1898."));
        Assert.That(output.Text, Does.Contain("--- page 2 ---\nPolonium and radium."));
        Assert.That(output.Fields["kind"], Is.EqualTo("pdf"));
    }

    [Test]
    public async Task Plain_text_is_returned_as_is_and_binary_is_refused()
    {
        using var web = new LoopbackWeb()
            .Serve("/notes.txt", "text/plain", "line one\n  line two")
            .Serve("/blob", "image/png", new byte[] { 0x89, 0x50, 0x4e, 0x47, 0, 0, 0 });
        using var tool = new FetchPageTool(Local, Quick);
        Assert.That((await tool.Call(new { url = web.BaseUrl + "notes.txt" })).Text, Is.EqualTo($"URL: {web.BaseUrl}notes.txt\n\nline one\n  line two"));
        var binary = await tool.Call(new { url = web.BaseUrl + "blob" });
        Assert.That(binary.IsError, Is.True);
        Assert.That(binary.Text, Does.EndWith("content type 'image/png' is not text, HTML or PDF"));
    }

    [Test]
    public async Task A_body_over_the_size_cap_is_cut_there()
    {
        using var web = new LoopbackWeb().Serve("/big.txt", "text/plain", new string('a', 200_000));
        using var tool = new FetchPageTool(Local with { MaxBytes = 1000, MaxTokens = 100_000 }, Quick);
        var output = await tool.Call(new { url = web.BaseUrl + "big.txt" });
        Assert.That(output.Fields["bytes"], Is.EqualTo("1000"));
        Assert.That(output.Fields["truncated"], Is.EqualTo("true"));
        Assert.That(output.Text, Does.EndWith("[page cut at the size cap of 1000 bytes]"));
    }

    [Test]
    public async Task A_long_page_is_cut_to_the_budget_or_to_the_passages_about_the_query()
    {
        var paragraphs = Enumerable.Range(0, 60).Select(i => $"<p>Paragraph {i} is about the history of bridges and roads in region {i}, with many details.</p>").ToList();
        paragraphs.Insert(45, "<p>The zebra population of the savanna doubled after the rains, rangers said.</p>");
        using var web = new LoopbackWeb().Serve("/long", "text/html", "<html><body>" + string.Concat(paragraphs) + "</body></html>");
        using var tool = new FetchPageTool(Local with { MaxTokens = 200, ChunkTokens = 60 }, Quick);
        var start = await tool.Call(new { url = web.BaseUrl + "long" });
        Assert.That(start.Text, Does.Contain("Paragraph 0 is about"));
        Assert.That(start.Text, Does.Not.Contain("zebra"));
        Assert.That(start.Text, Does.Contain("[truncated:"));
        var focused = await tool.Call(new { url = web.BaseUrl + "long", query = "zebra population savanna" });
        Assert.That(focused.Text, Does.Contain("The zebra population of the savanna doubled"));
        Assert.That(focused.Text, Does.Contain("[...]"));
        Assert.That(Memento.Llm.TokenCounter.Count(focused.Text), Is.LessThan(260), "the passages fit the budget (plus the URL line)");
    }

    [Test]
    public async Task Redirects_are_followed_up_to_the_limit()
    {
        using var web = new LoopbackWeb().Serve("/final", "text/plain", "arrived");
        for (var i = 0; i < 3; i++)
        {
            var next = i == 2 ? "/final" : $"/hop{i + 1}";
            web.Route($"/hop{i}", c =>
            {
                c.Response.Headers["Location"] = next;
                return LoopbackWeb.Reply(c, 302, "text/plain", "");
            });
        }
        using var enough = new FetchPageTool(Local with { MaxRedirects = 3 }, Quick);
        var output = await enough.Call(new { url = web.BaseUrl + "hop0" });
        Assert.That(output.Text, Does.EndWith("arrived"));
        Assert.That(output.Fields["url"], Is.EqualTo(web.BaseUrl + "final"));
        using var strict = new FetchPageTool(Local with { MaxRedirects = 2 }, Quick);
        Assert.That((await strict.Call(new { url = web.BaseUrl + "hop0" })).Text, Does.EndWith("more than 2 redirects"));
    }
}
