using System.Text.Json;

namespace Memento.Tools;

/// <summary>
/// A tool the executor may call. Its arguments come from a model and are untrusted: an implementation validates
/// them and answers bad ones with an error output rather than an exception. The in-process registration and the
/// MCP server (<c>memento tools serve</c>) are thin adapters over this one interface, so both run the same code.
/// </summary>
public interface ITool
{
    /// <summary>The tool's name, description and the JSON schema of its arguments, as a model sees them.</summary>
    ToolDescriptor Descriptor { get; }

    /// <summary>Runs the tool on a JSON object of arguments.</summary>
    Task<ToolOutput> InvokeAsync(JsonElement arguments, CancellationToken cancellationToken);
}
