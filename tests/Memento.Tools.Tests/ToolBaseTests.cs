using System.Text.Json;
using Memento.Tools;
using NUnit.Framework;

namespace Memento.Tools.Tests;

public class ToolBaseTests
{
    private sealed record EchoArgs(string Text, int Times = 1);

    private sealed class Echo : Tool<EchoArgs>
    {
        public override string Name => "echo";
        public override string Description => "Repeats a text";

        protected override Task<ToolOutput> RunAsync(EchoArgs arguments, CancellationToken cancellationToken) =>
            Task.FromResult(ToolOutput.Ok(string.Concat(Enumerable.Repeat(arguments.Text, arguments.Times))));
    }

    [Test]
    public async Task Typed_arguments_are_read_and_the_schema_names_them()
    {
        var tool = new Echo();
        var output = await tool.InvokeAsync(JsonDocument.Parse("""{"text": "ab", "times": 3}""").RootElement, CancellationToken.None);
        Assert.That(output.Text, Is.EqualTo("ababab"));
        Assert.That(output.IsError, Is.False);
        Assert.That(tool.Descriptor.ParametersSchema.GetProperty("properties").TryGetProperty("text", out _), Is.True);
    }

    [Test]
    public async Task Bad_arguments_are_an_error_output_not_an_exception()
    {
        var output = await new Echo().InvokeAsync(JsonDocument.Parse("""{"text": 5}""").RootElement, CancellationToken.None);
        Assert.That(output.IsError, Is.True);
        Assert.That(output.Text, Does.StartWith("echo: bad arguments"));
    }
}
