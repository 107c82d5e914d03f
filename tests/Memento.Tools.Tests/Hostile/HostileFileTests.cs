using System.Text;
using Memento.Tools.Files;
using Memento.Tools.Http;
using Memento.Tools.Web;
using NUnit.Framework;

namespace Memento.Tools.Tests.Hostile;

/// <summary>
/// The files and pages that exhausted the unbounded readers (#26), each generated here: every one now answers within
/// a stated time and with the managed heap growing by at most a stated amount — numbers far above what the bounded
/// readers use (measured: well under a second and tens of MB) and far below what the attacks cost before (gigabytes,
/// minutes).
/// </summary>
[Category("Slow")]
public class HostileFileTests
{
    private static readonly TimeSpan Quick = TimeSpan.FromSeconds(30);
    private const long Small = 512 * Bounds.MiB;

    private TempFolder _temp = null!;
    private string _attachments = null!;

    [SetUp]
    public void SetUp()
    {
        _temp = new TempFolder();
        _attachments = _temp.Sub("attachments");
    }

    [TearDown]
    public void TearDown() => _temp.Dispose();

    private string Attachment(string name) => Path.Join(_attachments, name);

    private async Task<ToolOutput> ReadBounded(string path, TimeSpan within, long memory, ReadFileSettings? settings = null)
    {
        var tool = new ReadFileTool(new ToolScope(_attachments, _temp.Sub("workspace")), settings ?? new ReadFileSettings());
        var (output, elapsed, peak) = await Bounds.Measure(() => tool.Call(new { path }));
        TestContext.Out.WriteLine($"{path}: {elapsed.TotalSeconds:0.00} s, heap +{peak / Bounds.MiB} MiB: {output.Text[..Math.Min(200, output.Text.Length)]}");
        Assert.That(elapsed, Is.LessThan(within), "time bound");
        Assert.That(peak, Is.LessThan(memory), "memory bound");
        return output;
    }

    [TestCase("ZZZZZZ")]
    [TestCase("ZZZZZ")]
    public async Task A_cell_past_the_last_column_is_not_padded_to(string column)
    {
        HostileFiles.FarColumnXlsx(Attachment("far.xlsx"), column);
        Assert.That(new FileInfo(Attachment("far.xlsx")).Length, Is.LessThan(4096));
        var output = await ReadBounded("far.xlsx", Quick, 64 * Bounds.MiB);
        Assert.That(output.IsError, Is.False, output.Text);
        Assert.That(output.Text, Does.Contain("row 1: 1\n").And.Contain("[1 cells beyond column XFD (Excel's last, 16384) not shown]"));
        Assert.That(output.Text.Length, Is.LessThan(1000));
    }

    [Test]
    public async Task A_cell_at_the_last_column_is_placed_there()
    {
        HostileFiles.FarColumnXlsx(Attachment("xfd.xlsx"), "XFD");
        var output = await ReadBounded("xfd.xlsx", Quick, 64 * Bounds.MiB, new ReadFileSettings { MaxChars = 100_000 });
        Assert.That(output.Text, Does.Contain("row 1: 1" + new string('\t', 16_383) + "7\n"));
    }

    [Test]
    public async Task Twelve_million_empty_cells_cost_time_not_memory_and_the_time_is_bounded()
    {
        HostileFiles.EmptyCellsXlsx(Attachment("empty.xlsx"), 12_000_000);
        TestContext.Out.WriteLine($"empty.xlsx: {new FileInfo(Attachment("empty.xlsx")).Length} bytes");
        var settings = new ReadFileSettings { TimeoutS = 3 };
        var output = await ReadBounded("empty.xlsx", TimeSpan.FromSeconds(3 + 20), Small, settings);
        // Either the stream was read within the budget (nothing to show) or the call stopped at it with one line.
        if (output.IsError) Assert.That(output.Text, Does.StartWith("read_file: stopped after 3 s: extracting the text of 'empty.xlsx' took longer than the time limit"));
        else Assert.That(output.Text, Does.Contain("--- sheet 'S' ---"));

        File.WriteAllText(Attachment("next.txt"), "still serving");
        Assert.That((await ReadBounded("next.txt", Quick, Small, settings)).Text, Is.EqualTo("still serving"), "the tool keeps answering");
    }

    [Test]
    public async Task Deeply_nested_xml_is_refused_before_it_is_indented()
    {
        File.WriteAllText(Attachment("deep.xml"), HostileFiles.Nested("<a>", "</a>", 30_000));
        var output = await ReadBounded("deep.xml", Quick, Small, new ReadFileSettings { MaxChars = 1_000_000 });
        Assert.That(output.IsError, Is.True);
        Assert.That(output.Text, Is.EqualTo("read_file: 'deep.xml' could not be read as xml: its elements nest deeper than 256 levels"));
        // Under the default budget the indented text reaches 20,000 characters first, and stops there.
        var cut = await ReadBounded("deep.xml", Quick, Small);
        Assert.That(cut.Text, Does.EndWith("the rest of the file was not extracted — read a ZIP member or a smaller file, or use run_python to search the rest]"));
    }

    [Test]
    public async Task Xml_nested_within_the_limit_is_indented()
    {
        File.WriteAllText(Attachment("ok.xml"), HostileFiles.Nested("<a>", "</a>", 200));
        var output = await ReadBounded("ok.xml", Quick, Small);
        Assert.That(output.IsError, Is.False, output.Text);
        Assert.That(output.Text, Does.StartWith("<a>\n  <a>\n    <a>"));
    }

    [Test]
    public async Task Deeply_nested_json_and_html_are_refused()
    {
        File.WriteAllText(Attachment("deep.json"), HostileFiles.Nested("[", "]", 30_000).Replace("x", "1"));
        File.WriteAllText(Attachment("deep.html"), "<html><body>" + HostileFiles.Nested("<div>", "</div>", 200_000) + "</body></html>");
        Assert.That(new FileInfo(Attachment("deep.html")).Length, Is.GreaterThan(2_000_000));
        var json = await ReadBounded("deep.json", Quick, Small);
        Assert.That(json.Text, Does.StartWith("read_file: 'deep.json' could not be read as json:").And.Contain("256"));
        var html = await ReadBounded("deep.html", Quick, Small);
        Assert.That(html.Text, Is.EqualTo("read_file: 'deep.html' could not be read as html: its elements nest deeper than 256 levels"));
    }

    [Test]
    public async Task Html_with_many_unclosed_paragraphs_is_still_read()
    {
        File.WriteAllText(Attachment("sloppy.html"), "<html><body>" + string.Concat(Enumerable.Range(0, 2000).Select(i => $"<p>para {i}<li>item")) + "</body></html>");
        var output = await ReadBounded("sloppy.html", Quick, Small);
        Assert.That(output.IsError, Is.False, output.Text);
        Assert.That(output.Text, Does.Contain("para 0"));
    }

    [TestCase(1)]
    [TestCase(2)]
    public async Task A_pdf_flate_bomb_is_refused_before_it_is_parsed(int layers)
    {
        File.WriteAllBytes(Attachment("bomb.pdf"), HostileFiles.FlateBombPdf(1L << 30, layers));
        TestContext.Out.WriteLine($"bomb.pdf: {new FileInfo(Attachment("bomb.pdf")).Length} bytes, inflating to 1 GiB");
        var output = await ReadBounded("bomb.pdf", Quick, Small);
        Assert.That(output.Text, Is.EqualTo("read_file: 'bomb.pdf' could not be read as pdf: its streams inflate to more than the 268435456 byte limit (a PDF bomb?)"));
    }

    [Test]
    public async Task A_pdf_whose_streams_stay_under_the_limit_is_read()
    {
        File.WriteAllBytes(Attachment("spaces.pdf"), HostileFiles.FlateBombPdf(1L << 20));
        var output = await ReadBounded("spaces.pdf", Quick, Small);
        Assert.That(output.IsError, Is.False, output.Text);
        Assert.That(output.Text, Does.StartWith("--- page 1 of 1 ---"));
    }

    [Test]
    public async Task A_large_text_file_is_read_only_up_to_the_budget()
    {
        File.WriteAllText(Attachment("big.txt"), new string('w', 60 << 20));
        var output = await ReadBounded("big.txt", Quick, 256 * Bounds.MiB);
        Assert.That(output.Text, Does.EndWith("the rest of the file was not extracted — read a ZIP member or a smaller file, or use run_python to search the rest]"));
    }

    private static readonly HttpSettings Http = new(TimeoutS: 10, MaxRetries: 0, RetryDelayS: 0.01, RequestsPerMinute: 0);

    private static async Task<ToolOutput> FetchBounded(LoopbackWeb web, string path, TimeSpan within, long memory, string? query = null)
    {
        using var tool = new FetchPageTool(new FetchSettings(AllowPrivate: true), Http);
        var (output, elapsed, peak) = await Bounds.Measure(() => tool.Call(new { url = web.BaseUrl + path, query }));
        TestContext.Out.WriteLine($"{path}: {elapsed.TotalSeconds:0.00} s, heap +{peak / Bounds.MiB} MiB: {output.Text[..Math.Min(200, output.Text.Length)]}");
        Assert.That(elapsed, Is.LessThan(within), "time bound");
        Assert.That(peak, Is.LessThan(memory), "memory bound");
        return output;
    }

    [TestCase(null)]
    [TestCase("crab")]
    public async Task A_page_that_is_one_long_word_is_fitted_within_the_timeout(string? query)
    {
        var word = new string('a', 5_000_000);
        using var web = new LoopbackWeb().Serve("/word", "text/plain", word);
        var output = await FetchBounded(web, "word", TimeSpan.FromSeconds(10), 1024 * Bounds.MiB, query);
        Assert.That(output.IsError, Is.False, output.Text[..Math.Min(300, output.Text.Length)]);
        Assert.That(Memento.Llm.TokenCounter.Count(output.Text), Is.LessThan(3100));
    }

    [Test]
    public async Task Deeply_nested_html_and_a_pdf_bomb_are_refused_by_fetch_page()
    {
        using var web = new LoopbackWeb()
            .Serve("/deep", "text/html", "<html><body>" + HostileFiles.Nested("<div>", "</div>", 200_000) + "</body></html>")
            .Serve("/bomb", "application/pdf", HostileFiles.FlateBombPdf(1L << 30));
        var deep = await FetchBounded(web, "deep", Quick, Small);
        Assert.That(deep.Text, Is.EqualTo($"fetch_page: {web.BaseUrl}deep: its elements nest deeper than 256 levels"));
        var bomb = await FetchBounded(web, "bomb", Quick, Small);
        Assert.That(bomb.Text, Is.EqualTo($"fetch_page: {web.BaseUrl}bomb: its streams inflate to more than the 268435456 byte limit (a PDF bomb?)"));
    }

    [Test]
    public void Token_counts_are_unchanged_for_text_without_long_runs_and_linear_for_one_long_word()
    {
        const string text = "The quick brown fox jumps over the lazy dog. Ünïcödé and 12345 numbers, https://example.org/a/b?c=d.";
        Assert.That(Memento.Llm.TokenCounter.Count(text), Is.EqualTo(Microsoft.ML.Tokenizers.TiktokenTokenizer.CreateForModel("gpt-4").CountTokens(text)));
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var word = new string('q', 1_000_000);
        Assert.That(Memento.Llm.TokenCounter.Count(word), Is.GreaterThan(1000));
        var head = Memento.Llm.TokenCounter.Head(word, 100).Length;
        Assert.That(head, Is.GreaterThan(100).And.LessThan(5000));
        Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(10)));
    }
}
