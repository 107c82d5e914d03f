using System.Text.Json;
using Memento.Core;
using Memento.Core.Agents;
using Memento.Llm;
using Microsoft.Extensions.AI;

namespace Memento.Tools.Adapters;

/// <summary>An <see cref="ITool"/> as an <see cref="AIFunction"/> the executor's function-invocation loop can call in
/// process. The result is the tool's text; a failed call is marked <c>tool error:</c> as MCP error results are. The
/// output's fields go to the trajectory beside the call (<see cref="ToolCallFields"/>), as the MCP adapter's structured
/// content does.
/// A tool that sees the episode's files carries how it reaches an attachment (<see cref="EpisodeFiles"/>).</summary>
internal sealed class ToolFunction(ITool tool) : AIFunction
{
    public override string Name => tool.Descriptor.Name;

    public override string Description => tool.Descriptor.Description;

    public override JsonElement JsonSchema => tool.Descriptor.ParametersSchema;

    /// <summary>A tool that sees the episode's files is marked so (<see cref="EpisodeFiles"/>), with how it reaches an attachment.</summary>
    public override IReadOnlyDictionary<string, object?> AdditionalProperties { get; } =
        tool.Descriptor.AttachmentUse is { } use ? EpisodeFiles.Properties(use) : new Dictionary<string, object?>();

    protected override async ValueTask<object?> InvokeCoreAsync(AIFunctionArguments arguments, CancellationToken cancellationToken)
    {
        var json = JsonSerializer.SerializeToElement(arguments.ToDictionary(a => a.Key, a => a.Value), AIJsonUtilities.DefaultOptions);
        var output = await tool.InvokeAsync(json, cancellationToken);
        ToolCallFields.Attach(output.RedactedFields());
        return Secrets.Redact(output.IsError ? ToolCallTrace.ErrorPrefix + output.Text : output.Text);
    }
}
