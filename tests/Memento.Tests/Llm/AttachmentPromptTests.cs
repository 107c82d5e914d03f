using Memento.Core.Agents;
using Memento.Core.Tasks;
using Memento.Llm;
using Memento.Llm.Loopback;
using Microsoft.Extensions.AI;
using NUnit.Framework;

namespace Memento.Tests.Llm;

/// <summary>A task's attached file is named, with its type, size and how each offered tool that sees the episode's
/// files reaches it, in every planner and executor request of that task — and in no request of a task without one.</summary>
public class AttachmentPromptTests
{
    private static async Task<IReadOnlyList<LoopbackRequest>> RequestsAsync(QaTask task, params AIFunction[] tools)
    {
        using var server = new LoopbackOpenAiServer(LlmWorld.Reply);
        using var runtime = LlmWorld.Runtime();
        await using var agent = LlmWorld.Agent(LlmWorld.Settings(server.BaseUrl), runtime, new FunctionTools(tools, 200));
        await agent.ActAsync(new AgentRequest(task, [], 1, new Random(1)), CancellationToken.None);
        return server.Received;
    }

    private static AIFunction FileTool() => AIFunctionFactory.Create((string path) => "FACT=answer 3;", new AIFunctionFactoryOptions
    {
        Name = "open_file", AdditionalProperties = EpisodeFiles.Properties("open_file(path=\"{0}\") reads it"),
    });

    [Test]
    public async Task The_planner_and_the_executor_are_told_the_attached_file_and_how_each_file_tool_opens_it()
    {
        var file = Path.Combine(TestPaths.TempDir(), "3f1c-task.csv");
        File.WriteAllText(file, "a,b\n1,2\n");
        var requests = await RequestsAsync(new QaTask("t3", "Question number 3?", ["answer 3"], "s", Attachments: [file]), LlmWorld.LookupTool(), FileTool());

        Assert.That(requests.Select(r => r.Model).Distinct().Order(), Is.EqualTo(new[] { "executor", "planner" }));
        Assert.That(requests, Has.All.Matches<LoopbackRequest>(r => r.Messages[1]!["content"]!.ToString() ==
            "Question number 3?\n\nAttached file: 3f1c-task.csv (CSV, 8 bytes).\nThe executor reaches it with its tools:\n- open_file(path=\"3f1c-task.csv\") reads it"
            || r.Messages[1]!["content"]!.ToString().StartsWith(
                "Overall question: Question number 3?\n\nAttached file: 3f1c-task.csv (CSV, 8 bytes).\nThe executor reaches it with its tools:\n- open_file(path=\"3f1c-task.csv\") reads it\n")));
    }

    [Test]
    public async Task Without_a_file_tool_the_note_says_so_and_without_an_attachment_there_is_no_note()
    {
        var file = Path.Combine(TestPaths.TempDir(), "notes");
        File.WriteAllText(file, "x");
        var told = await RequestsAsync(new QaTask("t4", "Question number 4?", ["answer 4"], "s", Attachments: [file]), LlmWorld.LookupTool());
        Assert.That(told, Has.All.Matches<LoopbackRequest>(r => r.Has("Attached file: notes (no extension, 1 byte). None of the executor's tools opens files.")));

        var none = await RequestsAsync(new QaTask("t5", "Question number 5?", ["answer 5"], "s"), LlmWorld.LookupTool(), FileTool());
        Assert.That(none, Is.Not.Empty);
        Assert.That(none, Has.None.Matches<LoopbackRequest>(r => r.Has("Attached file")));
    }
}
