using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Memento.Core.Results;
using Memento.Llm;
using Memento.Llm.Loopback;
using Memento.Tests.Cli;
using NUnit.Framework;

namespace Memento.Tests.Llm;

/// <summary>Humanity's Last Exam end to end on the loopback server: the reader (text and image questions), the
/// three-line answer with a confidence, the image sent as an image part, the HLE judge with structured output and with
/// the text fallback, the official metrics in <c>memento table</c>, and <c>memento score --scorer hle</c>.</summary>
[Category("EndToEnd")]
public partial class HleRunTests
{
    private const string Png = "data:image/png;base64,iVBORw0KGgoAAAANSUhEUg==";
    private string _dir = "";

    [SetUp]
    public void SetUp() => _dir = Directory.CreateTempSubdirectory("memento-hle-").FullName;

    [TearDown]
    public void TearDown() => Directory.Delete(_dir, recursive: true);

    private string Dataset()
    {
        var path = Path.Combine(_dir, "hle.jsonl");
        File.WriteAllLines(path,
        [
            """{"id":"h1","question":"What is 6 times 7?","image":"","answer":"42","answer_type":"exactMatch","category":"Math","raw_subject":"Arithmetic"}""",
            $$"""{"id":"h2","question":"Which arrow in the figure points up? A, B or C.","image":"{{Png}}","answer":"B","answer_type":"multipleChoice","category":"Physics","raw_subject":"Optics"}""",
            """{"id":"h3","question":"Name the capital of France.","image":"","answer":"Paris","answer_type":"exactMatch","category":"Other","raw_subject":"Geography"}""",
        ]);
        return path;
    }

    private string Config(string baseUrl, string extraAgent = ", images: true", string extraJudge = "", string extraDataset = "")
    {
        var config = Path.Combine(_dir, "hle.yaml");
        File.WriteAllText(config, $$"""
            name: hle-loopback
            dataset: {kind: hle, path: {{Dataset()}}{{extraDataset}}}
            agent: {kind: llm, base_url: "{{baseUrl}}", planner_model: planner, executor_model: executor, api_key_env: null, retry_delay_s: 0.005{{extraAgent}}}
            memory: {policy: similarity, k: 2}
            schedule: {iterations: 1}
            judge: {kind: hle, model: judge, max_retries: 1{{extraJudge}}}
            """);
        return config;
    }

    /// <summary>The planner answers at once in the three-line shape (B for the image question, 41 — wrong — for the
    /// arithmetic, Paris); the judge answers structured JSON, or name: value lines when no schema was asked for.</summary>
    private static LoopbackReply Script(LoopbackRequest r)
    {
        if (r.Model == "planner")
        {
            var question = r.Messages[1]!["content"]!.ToJsonString();
            var (answer, confidence) = question.Contains("6 times 7") ? ("41", 90) : question.Contains("arrow") ? ("B", 60) : ("Paris", 100);
            return LoopbackReply.Text($"FINAL ANSWER:\nExplanation: worked it out.\nAnswer: {answer}\nConfidence: {confidence}%");
        }
        var prompt = r.LastContent;
        var response = Regex.Match(prompt, @"\[response\]: ([\s\S]*?)\n\n\[correct_answer\]").Groups[1].Value;
        var gold = Regex.Match(prompt, @"\[correct_answer\]: (.*)").Groups[1].Value.Trim();
        var extracted = Regex.Match(response, @"Answer: (.*)").Groups[1].Value.Trim();
        var conf = Regex.Match(response, @"Confidence: (\d+)").Groups[1].Value;
        var correct = extracted == gold ? "yes" : "no";
        return r.Body["response_format"] is not null
            ? LoopbackReply.Text($$"""{"extracted_final_answer":"{{extracted}}","reasoning":"compared","correct":"{{correct}}","confidence":{{conf}}}""")
            : LoopbackReply.Text($"extracted_final_answer: {extracted}\nreasoning: compared\nthe two answers\ncorrect: {correct}\nconfidence: {conf}");
    }

    [TestCase(true)]
    [TestCase(false)]
    public async Task An_hle_run_sends_the_image_asks_for_a_confidence_and_reports_the_official_metrics(bool structured)
    {
        using var server = new LoopbackOpenAiServer(Script);
        var outDir = Path.Combine(_dir, "run");
        var (exit, _, err) = await CliRunner.RunAsync("run", Config(server.BaseUrl, extraJudge: $", structured_output: {structured.ToString().ToLowerInvariant()}"), "--out", outDir);
        Assert.That(exit, Is.Zero, err);

        var planner = server.Received.Where(r => r.Model == "planner").ToList();
        var imageRequest = planner.Single(r => r.Messages[1]!["content"]!.ToJsonString().Contains("arrow"));
        var parts = imageRequest.Messages[1]!["content"]!.AsArray();
        Assert.That(parts.Select(p => p!["type"]!.ToString()), Is.EqualTo(new[] { "text", "image_url" }));
        Assert.That(parts[1]!["image_url"]!["url"]!.ToString(), Is.EqualTo(Png));
        var textRequest = planner.Single(r => r.Messages[1]!["content"]!.ToJsonString().Contains("6 times 7"));
        Assert.That(textRequest.Messages[1]!["content"]!.ToJsonString(), Does.Not.Contain("image_url"), "a text question has no image part");
        Assert.That(planner, Has.All.Matches<LoopbackRequest>(r => r.Messages[1]!["content"]!.ToJsonString().Contains("from 0% to 100%")));

        var judge = server.Received.Where(r => r.Model == "judge").ToList();
        Assert.That(judge, Has.Count.EqualTo(3));
        Assert.That(judge.Select(r => r.Body["response_format"]?["type"]?.ToString()),
            Has.All.EqualTo(structured ? "json_schema" : null));
        Assert.That(judge.Select(r => (int?)r.Body["max_completion_tokens"] ?? (int?)r.Body["max_tokens"]), Has.All.EqualTo(4096));

        var lines = TrajectoryLog.Read(Path.Combine(outDir, "trajectories.jsonl")).ToDictionary(l => l.TaskId);
        Assert.That(lines["h1"].Judgement.Confidence, Is.EqualTo(90));
        Assert.That(lines["h1"].Judgement.ExtractedAnswer, Is.EqualTo("41"));
        Assert.That(lines["h1"].Judgement.PartialMatch, Is.False);
        Assert.That(lines["h2"].Judgement.PartialMatch, Is.True);
        Assert.That(lines["h3"].Judgement.Confidence, Is.EqualTo(100));
        Assert.That(lines["h1"].Agent.Answer, Does.StartWith("Explanation:").And.Contain("Answer: 41").And.Contain("Confidence: 90%"));
        var episodes = CsvFiles.Read<EpisodeRecord>(Path.Combine(outDir, "episodes.csv")).ToDictionary(e => e.TaskId);
        Assert.That(episodes["h3"].Source, Is.EqualTo("Other"));
        Assert.That((episodes["h2"].F1, episodes["h2"].Reward), Is.EqualTo((1.0, 1)), "F1 is measured on the extracted answer");

        var (tableExit, table, tableErr) = await CliRunner.RunAsync("table", outDir);
        Assert.That(tableExit, Is.Zero, tableErr);
        Assert.That(table, Does.Contain("Humanity's Last Exam accuracy and calibration error by category"));
        Assert.That(table, Does.Contain("| Math accuracy | Math calibration error | Physics accuracy"));
        Assert.That(table, Does.Contain("66.7 ± 53.3"), "2 of 3 right: Wald half-width 1.96 · sqrt(66.67 · 33.33 / 3) = 53.34");
        Assert.That(table, Does.Contain("not computed for All (n = 3)"));
        Assert.That(table, Does.Contain("HLE F1 / PM by category"));
    }

    [Test]
    public async Task Image_questions_are_refused_at_start_unless_the_models_take_images_or_text_only_drops_them()
    {
        using var server = new LoopbackOpenAiServer(Script);
        var (exit, _, err) = await CliRunner.RunAsync("run", Config(server.BaseUrl, extraAgent: ""), "--out", Path.Combine(_dir, "refused"));
        Assert.That(exit, Is.EqualTo(2));
        Assert.That(CliRunner.Messages(err).Single(), Does.Contain("1 of 3 questions come with an image (first: h2) but agent.images is false"));
        Assert.That(Directory.Exists(Path.Combine(_dir, "refused")), Is.False);

        var textOnly = Path.Combine(_dir, "text-only");
        var (ok, _, okErr) = await CliRunner.RunAsync("run", Config(server.BaseUrl, extraAgent: "", extraDataset: ", text_only: true"), "--out", textOnly);
        Assert.That(ok, Is.Zero, okErr);
        Assert.That(CsvFiles.Read<EpisodeRecord>(Path.Combine(textOnly, "episodes.csv")).Select(e => e.TaskId), Is.EquivalentTo(new[] { "h1", "h3" }));
    }

    [Test]
    public async Task A_judge_reply_with_neither_json_nor_the_fields_is_a_judge_error()
    {
        using var server = new LoopbackOpenAiServer(r => r.Model == "judge" ? LoopbackReply.Text("I think it is fine.") : Script(r));
        var outDir = Path.Combine(_dir, "bad-judge");
        var (exit, _, err) = await CliRunner.RunAsync("run", Config(server.BaseUrl), "--out", outDir, "--set", "schedule.max_error_rate=1");
        Assert.That(exit, Is.Zero, err);
        var episodes = CsvFiles.Read<EpisodeRecord>(Path.Combine(outDir, "episodes.csv"));
        Assert.That(episodes.Select(e => e.JudgeError), Has.All.StartsWith("unparseable judge reply after 2 tries"));
        Assert.That(server.Received.Count(r => r.Model == "judge"), Is.EqualTo(6));
    }

    [Test]
    public void The_verdict_parser_reads_json_and_field_lines()
    {
        Assert.That(HleJudge.TryVerdict("""{"extracted_final_answer": "42", "reasoning": "same", "correct": "yes", "confidence": 85}"""),
            Is.EqualTo(new HleVerdict("42", "same", true, 85)));
        Assert.That(HleJudge.TryVerdict("**extracted_final_answer:** B\n**reasoning:** differs\nfrom C\n**correct:** no\n**confidence:** 40%"),
            Is.EqualTo(new HleVerdict("B", "differs\nfrom C", false, 40)));
        Assert.That(HleJudge.TryVerdict("extracted_final_answer: None\ncorrect: maybe\nconfidence: 100"), Is.Null);
        Assert.That(HleJudge.TryVerdict("""{"extracted_final_answer": "1", "correct": "yes", "confidence": 140}"""), Is.Null);
    }

    [Test]
    public async Task Score_reads_an_official_judged_file_and_reports_accuracy_and_calibration()
    {
        var judged = new JsonObject();
        for (var i = 0; i < 120; i++)
            judged[$"q{i}"] = new JsonObject
            {
                ["model"] = "m",
                ["response"] = "Explanation: ...\nAnswer: x\nConfidence: 80%",
                ["judge_response"] = new JsonObject { ["correct_answer"] = "x", ["model_answer"] = "x", ["reasoning"] = "r", ["correct"] = i < 60 ? "yes" : "no", ["confidence"] = 80 },
            };
        judged["q-unjudged"] = new JsonObject { ["model"] = "m", ["response"] = "..." };
        var path = Path.Combine(_dir, "judged_m.json");
        File.WriteAllText(path, judged.ToJsonString());
        var (exit, stdout, err) = await CliRunner.RunAsync("score", "--scorer", "hle", "--predictions", path);
        Assert.That(exit, Is.Zero, err);
        Assert.That(stdout, Does.Contain("missing judge response: 1 entries (first: q-unjudged)"));
        // 60/120 = 50 %, ± 1.96 · sqrt(50 · 50 / 120) = 8.95; 120 predictions: one bin, the last, so the official error is 0.
        Assert.That(stdout, Does.Contain("HLE: accuracy 50.00% +/- 8.95% (60/120); calibration error 0 (official, last bin not counted); all bins 30"));
    }
}
