using System.Text;
using Memento.Cli.Running;
using Memento.Core.Config;
using Memento.Llm;
using Memento.Llm.Loopback;
using Memento.Tools.Builtin;
using NUnit.Framework;

namespace Memento.Tools.Tests.Builtin;

/// <summary>
/// read_file with <c>tools.read_file.vision</c> and <c>.audio</c> set, built as a run builds it, against the loopback
/// OpenAI-compatible server: a PNG (drawn by ScottPlot) goes to the vision model as an <c>image_url</c> data-URI part
/// with the agent's key, a WAV (written here) to the audio model as an <c>input_audio</c> part; the models' answers are
/// the files' text, and the key is in no output.
/// </summary>
public class MediaModelTests
{
    private const string KeyVariable = "MEMENTO_TEST_MEDIA_KEY";
    private const string Key = "sk-media-test-5f3a9c";

    private static LoopbackReply Describe(LoopbackRequest r)
    {
        var parts = r.Messages[0]!["content"]!.AsArray();
        return LoopbackReply.Text(r.Model switch
        {
            "seeing-model" when parts.Any(p => p!["type"]!.ToString() == "image_url") => "A chart with one rising line.",
            "hearing-model" when parts.Any(p => p!["type"]!.ToString() == "input_audio") => "A steady 440 Hz tone.",
            _ => "unexpected request",
        });
    }

    private static byte[] Wav(int sampleRate = 8000, double seconds = 0.1)
    {
        var samples = (int)(sampleRate * seconds);
        using var stream = new MemoryStream();
        using (var w = new BinaryWriter(stream, Encoding.ASCII, leaveOpen: true))
        {
            w.Write("RIFF"u8); w.Write(36 + samples * 2); w.Write("WAVE"u8);
            w.Write("fmt "u8); w.Write(16); w.Write((short)1); w.Write((short)1); w.Write(sampleRate); w.Write(sampleRate * 2); w.Write((short)2); w.Write((short)16);
            w.Write("data"u8); w.Write(samples * 2);
            for (var i = 0; i < samples; i++) w.Write((short)(8000 * Math.Sin(2 * Math.PI * 440 * i / sampleRate)));
        }
        return stream.ToArray();
    }

    [Test]
    public async Task Images_and_audio_go_to_their_models_through_the_run_pipeline_with_the_agents_key()
    {
        using var temp = new TempFolder();
        var attachments = temp.Sub("attachments");
        var plot = new ScottPlot.Plot();
        plot.Add.Scatter(new double[] { 1, 2, 3 }, new double[] { 1, 4, 9 });
        plot.SavePng(Path.Join(attachments, "chart.png"), 64, 48);
        var png = File.ReadAllBytes(Path.Join(attachments, "chart.png"));
        var wav = Wav();
        File.WriteAllBytes(Path.Join(attachments, "tone.wav"), wav);

        using var server = new LoopbackOpenAiServer(Describe);
        Environment.SetEnvironmentVariable(KeyVariable, Key);
        var config = ConfigLoader.FromTree(Plugins.All, YamlTree.Parse($$"""
            agent: {kind: llm, base_url: "{{server.BaseUrl}}", api_key_env: {{KeyVariable}}, retry_delay_s: 0.01}
            tools:
              builtin: [read_file]
              read_file:
                vision: {model: seeing-model}
                audio: {model: hearing-model, api_key_env: null}
            """, "run.yaml")).Config;
        using var runtime = LlmRuntime.From(CacheConfig.Off, config.Agent.Settings.Get<LlmAgentConfig>());
        using var tools = BuiltinTools.Create(config.Tools!, ExperimentFactory.ToolServices(config, runtime));
        var readFile = tools.For(new ToolScope(attachments, temp.Sub("workspace"))).Single();

        var image = await readFile.Call(new { path = "chart.png" });
        Assert.That(image.Text, Is.EqualTo("A chart with one rising line."));
        Assert.That((image.Fields["kind"], image.Fields["media_type"]), Is.EqualTo(("images", "image/png")));
        var seen = server.Received.Single(r => r.Model == "seeing-model");
        var imagePart = seen.Messages[0]!["content"]!.AsArray().Single(p => p!["type"]!.ToString() == "image_url")!;
        Assert.That(imagePart["image_url"]!["url"]!.ToString(), Is.EqualTo("data:image/png;base64," + Convert.ToBase64String(png)));
        Assert.That(seen.Authorization, Is.EqualTo("Bearer " + Key), "the vision model inherits the agent's key variable");

        var audio = await readFile.Call(new { path = "tone.wav" });
        Assert.That(audio.Text, Is.EqualTo("A steady 440 Hz tone."));
        var heard = server.Received.Single(r => r.Model == "hearing-model");
        var audioPart = heard.Messages[0]!["content"]!.AsArray().Single(p => p!["type"]!.ToString() == "input_audio")!;
        Assert.That((audioPart["input_audio"]!["format"]!.ToString(), audioPart["input_audio"]!["data"]!.ToString()), Is.EqualTo(("wav", Convert.ToBase64String(wav))));
        Assert.That(heard.Authorization, Does.Not.Contain(Key), "api_key_env: null sends no key");

        foreach (var output in new[] { image, audio })
            Assert.That(output.Text + string.Join(" ", output.Fields.Values), Does.Not.Contain(Key));
    }

    [Test]
    public async Task Without_a_model_for_audio_an_audio_file_is_answered_plainly()
    {
        using var temp = new TempFolder();
        var attachments = temp.Sub("attachments");
        File.WriteAllBytes(Path.Join(attachments, "tone.wav"), Wav());
        var config = ConfigLoader.FromTree(Plugins.All, YamlTree.Parse(
            "tools: {builtin: [read_file], read_file: {vision: {model: seeing-model, base_url: 'http://127.0.0.1:9/v1', api_key_env: null}}}", "run.yaml")).Config;
        using var runtime = LlmRuntime.From(CacheConfig.Off, config.Agent.Settings.Get<LlmAgentConfig>());
        using var tools = BuiltinTools.Create(config.Tools!, ExperimentFactory.ToolServices(config, runtime));
        var output = await tools.For(new ToolScope(attachments, temp.Sub("workspace"))).Single().Call(new { path = "tone.wav" });
        Assert.That(output.IsError, Is.True);
        Assert.That(output.Text, Does.StartWith("read_file: no model configured for audio, so 'tone.wav' (audio/wav"));
    }
}
