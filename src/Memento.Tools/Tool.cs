using System.Text.Json;
using Microsoft.Extensions.AI;

namespace Memento.Tools;

/// <summary>
/// Base of the built-in tools: typed arguments <typeparamref name="TArgs"/> (a record whose properties are the
/// tool's parameters), the JSON schema generated from that type, and argument errors turned into error outputs.
/// </summary>
public abstract class Tool<TArgs> : ITool where TArgs : class
{
    private ToolDescriptor? _descriptor;

    /// <summary>The name a model calls the tool by.</summary>
    public abstract string Name { get; }

    /// <summary>What the tool does, for the model.</summary>
    public abstract string Description { get; }

    /// <summary>How a model reaches an attached file with this tool (<see cref="ToolDescriptor.AttachmentUse"/>); null for
    /// tools that do not see the episode's files.</summary>
    protected virtual string? AttachmentUse => null;

    /// <inheritdoc />
    public ToolDescriptor Descriptor => _descriptor ??=
        new ToolDescriptor(Name, Description, AIJsonUtilities.CreateJsonSchema(typeof(TArgs), serializerOptions: AIJsonUtilities.DefaultOptions), AttachmentUse);

    /// <inheritdoc />
    public async Task<ToolOutput> InvokeAsync(JsonElement arguments, CancellationToken cancellationToken)
    {
        TArgs? typed;
        try
        {
            typed = arguments.Deserialize<TArgs>(AIJsonUtilities.DefaultOptions);
        }
        catch (JsonException e)
        {
            return ToolOutput.Error($"{Name}: bad arguments: {e.Message}");
        }
        if (typed is null) return ToolOutput.Error($"{Name}: arguments must be a JSON object");
        return await RunAsync(typed, cancellationToken);
    }

    /// <summary>Runs the tool on validated, typed arguments.</summary>
    protected abstract Task<ToolOutput> RunAsync(TArgs arguments, CancellationToken cancellationToken);
}
