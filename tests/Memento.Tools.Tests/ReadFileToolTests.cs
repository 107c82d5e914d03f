using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Memento.Tools.Files;
using Microsoft.Extensions.AI;
using NUnit.Framework;

namespace Memento.Tools.Tests;

public class ReadFileToolTests
{
    private TempFolder _temp = null!;
    private string _attachments = null!;
    private string _workspace = null!;

    [SetUp]
    public void SetUp()
    {
        _temp = new TempFolder();
        _attachments = _temp.Sub("attachments");
        _workspace = _temp.Sub("workspace");
        File.WriteAllText(Path.Join(_temp.Path, "secret.txt"), "TOP-SECRET");
    }

    [TearDown]
    public void TearDown() => _temp.Dispose();

    private Task<ToolOutput> Read(string path, ReadFileSettings? settings = null, IChatClient? media = null) =>
        new ReadFileTool(new ToolScope(_attachments, _workspace), settings ?? new ReadFileSettings(), new MediaDescriber(media, null, "Describe it."))
            .InvokeAsync(JsonSerializer.SerializeToElement(new { path }), CancellationToken.None);

    private string Attachment(string name) => Path.Join(_attachments, name);

    private static void AssertReads(ToolOutput output, params string[] expected)
    {
        Assert.That(output.IsError, Is.False, output.Text);
        foreach (var e in expected) Assert.That(output.Text, Does.Contain(e));
    }

    [Test]
    public async Task Pdf_is_read_page_by_page()
    {
        Attachments.Pdf(Attachment("report.pdf"), "Revenue rose 12 percent", "Costs fell");
        var output = await Read("report.pdf");
        AssertReads(output, "--- page 1 of 2 ---", "Revenue rose 12 percent", "--- page 2 of 2 ---", "Costs fell");
        Assert.That(output.Fields["kind"], Is.EqualTo("pdf"));
    }

    [Test]
    public async Task Docx_paragraphs_and_table_rows_are_read()
    {
        Attachments.Docx(Attachment("memo.docx"), "The meeting is on Tuesday.", [["Name", "Age"], ["Ada", "36"]]);
        AssertReads(await Read("memo.docx"), "The meeting is on Tuesday.", "Name | Age", "Ada | 36");
    }

    [Test]
    public async Task Pptx_is_read_slide_by_slide_with_notes()
    {
        Attachments.Pptx(Attachment("deck.pptx"), ("Intro to crabs", "say hello"), ("Crab habitats", "mention tides"));
        var output = await Read("deck.pptx");
        AssertReads(output, "--- slide 1 of 2 ---\nIntro to crabs\nnotes:\nsay hello", "--- slide 2 of 2 ---\nCrab habitats");
    }

    [Test]
    public async Task Xlsx_sheets_are_named_and_rows_keep_their_columns()
    {
        Attachments.Xlsx(Attachment("sales.xlsx"),
            ("Q1", [["Item", "Units"], ["apples", 12.0], ["pears", 7.5]]),
            ("Q2", [["Item", "Units"], ["plums", 3.0]]));
        AssertReads(await Read("sales.xlsx"), "--- sheet 'Q1' ---", "row 1: Item\tUnits", "row 2: apples\t12", "row 3: pears\t7.5",
            "--- sheet 'Q2' ---", "row 2: plums\t3");
    }

    [Test]
    public async Task Csv_rows_keep_quoted_commas_and_line_breaks()
    {
        File.WriteAllText(Attachment("people.csv"), "name,quote\nAda,\"Hello, world\"\nBob,\"two\nlines\"\n");
        AssertReads(await Read("people.csv"), "row 1: name | quote", "row 2: Ada | Hello, world", "row 3: Bob | two\nlines");
    }

    [Test]
    public async Task Json_xml_html_and_code_are_read_as_text()
    {
        File.WriteAllText(Attachment("data.json"), """{"a":[1,2],"b":"x"}""");
        File.WriteAllText(Attachment("data.xml"), "<root><item id=\"1\">first</item></root>");
        File.WriteAllText(Attachment("page.html"), "<html><head><title>Crabs</title><script>var x=1;</script></head><body><p>Crabs walk</p><p>sideways</p></body></html>");
        File.WriteAllText(Attachment("script.py"), "print('hi')\n");
        AssertReads(await Read("data.json"), "\"a\": [", "\"b\": \"x\"");
        AssertReads(await Read("data.xml"), "<item id=\"1\">first</item>");
        var html = await Read("page.html");
        AssertReads(html, "# Crabs", "Crabs walk\nsideways");
        Assert.That(html.Text, Does.Not.Contain("var x"));
        AssertReads(await Read("script.py"), "print('hi')");
    }

    [Test]
    public async Task Xml_with_a_dtd_is_refused_so_entities_cannot_expand()
    {
        File.WriteAllText(Attachment("bomb.xml"), "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY a \"aaaa\">]><r>&a;</r>");
        var output = await Read("bomb.xml");
        Assert.That(output.IsError, Is.True);
        Assert.That(output.Text, Does.Contain("could not be read as xml"));
    }

    [Test]
    public async Task Workspace_files_are_readable_and_folders_listed()
    {
        File.WriteAllText(Path.Join(_workspace, "result.txt"), "42");
        AssertReads(await Read("result.txt"), "42");
        AssertReads(await Read(_workspace), "result.txt\t2 bytes");
    }

    [Test]
    public async Task Zip_is_listed_and_members_are_read_by_format()
    {
        var csv = Encoding.UTF8.GetBytes("x,y\n1,2\n");
        Attachments.Zip(Attachment("bundle.zip"), ("notes.txt", "crab notes"u8.ToArray()), ("data/table.csv", csv));
        AssertReads(await Read("bundle.zip"), "2 entries", "notes.txt\t10 bytes", "data/table.csv");
        AssertReads(await Read("bundle.zip/notes.txt"), "crab notes");
        AssertReads(await Read("bundle.zip/"), "2 entries");
        AssertReads(await Read("bundle.zip/data/table.csv"), "row 2: 1 | 2");
        Assert.That((await Read("bundle.zip/missing.txt")).Text, Does.Contain("has no member 'missing.txt'"));
    }

    [Test]
    public async Task A_zip_member_named_dot_dot_is_listed_as_unsafe_and_never_read()
    {
        Attachments.Zip(Attachment("evil.zip"), ("../x", "ESCAPED"u8.ToArray()), ("ok.txt", "fine"u8.ToArray()));
        File.WriteAllText(Path.Join(_temp.Path, "x"), "OUTSIDE");
        AssertReads(await Read("evil.zip"), "../x\t7 bytes\t(unsafe name: not readable)");
        var output = await Read("evil.zip/../x");
        Assert.That(output.IsError, Is.True);
        Assert.That(output.Text, Does.Contain("not a safe member name").And.Not.Contain("ESCAPED").And.Not.Contain("OUTSIDE"));
        Assert.That(Directory.GetFiles(_attachments), Is.EquivalentTo(new[] { Attachment("evil.zip") }), "nothing was extracted");
    }

    [Test]
    public async Task A_zip_bomb_member_is_refused_at_the_size_cap()
    {
        Attachments.Zip(Attachment("bomb.zip"), ("zeros.txt", new byte[4 << 20]));
        Assert.That(new FileInfo(Attachment("bomb.zip")).Length, Is.LessThan(64 << 10), "the member compresses well");
        var output = await Read("bomb.zip/zeros.txt", new ReadFileSettings { MaxZipMemberBytes = 1 << 20 });
        Assert.That(output.IsError, Is.True);
        Assert.That(output.Text, Does.Contain("larger than the 1048576 byte limit"));
    }

    [TestCase("../secret.txt")]
    [TestCase("attachments/../../secret.txt")]
    [TestCase("/etc/passwd")]
    [TestCase("/proc/self/environ")]
    [TestCase("/dev/zero")]
    public async Task Paths_outside_the_scope_are_refused(string path)
    {
        var output = await Read(path);
        Assert.That(output.IsError, Is.True, output.Text);
        Assert.That(output.Text, Does.Contain("outside the task's attachment folder and workspace"));
    }

    [Test]
    public async Task An_absolute_path_outside_is_refused_and_one_inside_is_read()
    {
        Assert.That((await Read(Path.Join(_temp.Path, "secret.txt"))).Text, Does.Contain("outside"));
        File.WriteAllText(Attachment("in.txt"), "inside");
        AssertReads(await Read(Attachment("in.txt")), "inside");
    }

    [Test]
    public async Task Symlinks_are_followed_to_their_final_target_before_the_check()
    {
        File.CreateSymbolicLink(Attachment("link.txt"), Path.Join(_temp.Path, "secret.txt"));
        Directory.CreateSymbolicLink(Path.Join(_workspace, "up"), _temp.Path);
        File.CreateSymbolicLink(Attachment("chain.txt"), Attachment("link.txt"));
        File.CreateSymbolicLink(Attachment("relative.txt"), "../secret.txt");
        foreach (var path in new[] { "link.txt", "up/secret.txt", "chain.txt", "relative.txt", "up/attachments/../secret.txt" })
        {
            var output = await Read(path);
            Assert.That(output.IsError, Is.True, path);
            Assert.That(output.Text, Does.Not.Contain("TOP-SECRET"), path);
        }
        File.WriteAllText(Attachment("real.txt"), "real");
        File.CreateSymbolicLink(Path.Join(_workspace, "alias.txt"), Attachment("real.txt"));
        AssertReads(await Read("alias.txt"), "real");
    }

    [Test]
    public async Task A_fifo_in_the_workspace_is_not_opened()
    {
        using (var mkfifo = Process.Start("mkfifo", Path.Join(_workspace, "pipe"))) await mkfifo.WaitForExitAsync();
        var output = await Read("pipe").WaitAsync(TimeSpan.FromSeconds(10));
        Assert.That(output.Text, Is.EqualTo("(not a regular file: a device, FIFO or socket is not read)"));
    }

    [Test]
    public async Task Long_text_is_cut_to_the_budget_with_a_note()
    {
        File.WriteAllText(Attachment("long.txt"), string.Join('\n', Enumerable.Range(0, 1000).Select(i => $"line {i}")));
        var output = await Read("long.txt", new ReadFileSettings { MaxChars = 100 });
        Assert.That(output.Text, Does.StartWith("line 0\n"));
        Assert.That(output.Text, Does.Contain("[cut: showing the first 100 characters; the rest of the file was not extracted"));
        Assert.That(output.Text.Length, Is.LessThan(300), "the reader stopped at the budget");
        Assert.That(output.Fields["cut"], Is.EqualTo("true"));
    }

    [Test]
    public async Task Images_without_a_model_say_so_and_with_one_go_to_it_as_data()
    {
        var png = new byte[] { 0x89, 0x50, 0x4E, 0x47, 1, 2, 3 };
        File.WriteAllBytes(Attachment("chart.png"), png);
        var none = await Read("chart.png");
        Assert.That(none.IsError, Is.True);
        Assert.That(none.Text, Does.Contain("no model configured for images"));

        var model = new RecordingChatClient("A bar chart of crab counts.");
        var described = await Read("chart.png", media: model);
        Assert.That(described.Text, Is.EqualTo("A bar chart of crab counts."));
        var data = model.Seen.SelectMany(m => m.Contents).OfType<DataContent>().Single();
        Assert.That(data.MediaType, Is.EqualTo("image/png"));
        Assert.That(data.Data.ToArray(), Is.EqualTo(png));

        File.WriteAllBytes(Attachment("talk.mp3"), [1, 2, 3]);
        Assert.That((await Read("talk.mp3")).Text, Does.Contain("no model configured for audio"));
    }

    [Test]
    public async Task Missing_files_and_bad_arguments_are_errors()
    {
        Assert.That((await Read("nope.txt")).Text, Does.Contain("'nope.txt' does not exist"));
        Assert.That((await Read("")).Text, Does.Contain("path is empty"));
    }

    /// <summary>A chat model that answers one fixed text and records what it was sent.</summary>
    private sealed class RecordingChatClient(string answer) : IChatClient
    {
        public List<ChatMessage> Seen { get; } = [];

        public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
        {
            Seen.AddRange(messages);
            return Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, answer)));
        }

        public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose() { }
    }
}
