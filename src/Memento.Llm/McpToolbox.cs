using Memento.Core;
using Memento.Core.Config;
using Microsoft.Extensions.AI;
using ModelContextProtocol.Client;

namespace Memento.Llm;

/// <summary>
/// The executor's tools: every tool of every MCP server in <c>tools.servers</c>, each started as a child process and
/// spoken to over stdio (the Python tool servers of the Memento repository work unchanged). Servers start on first
/// use, once, whichever episode asks first; tool order follows the config, so cache keys are stable.
/// </summary>
internal sealed class McpToolbox(ToolsConfig config, int resultTokenBudget) : IToolProvider, IAsyncDisposable, IDisposable
{
    private readonly SemaphoreSlim _start = new(1, 1);
    private readonly List<McpClient> _clients = new();
    private IReadOnlyList<AITool>? _tools;

    public async Task<IReadOnlyList<AITool>> GetToolsAsync(CancellationToken cancellationToken)
    {
        if (_tools is { } ready) return ready;
        await _start.WaitAsync(cancellationToken);
        try
        {
            return _tools ??= await StartAsync(cancellationToken);
        }
        finally
        {
            _start.Release();
        }
    }

    private async Task<IReadOnlyList<AITool>> StartAsync(CancellationToken cancellationToken)
    {
        var tools = new List<AITool>();
        var owner = new Dictionary<string, string>();
        foreach (var server in config.Servers)
        {
            IList<McpClientTool> listed;
            try
            {
                var transport = new StdioClientTransport(new StdioClientTransportOptions
                {
                    Name = server.Name,
                    Command = server.Command,
                    Arguments = server.Args.ToList(),
                    EnvironmentVariables = server.Env.ToDictionary(p => p.Key, p => (string?)p.Value),
                });
                var client = await McpClient.CreateAsync(transport, cancellationToken: cancellationToken);
                _clients.Add(client);
                listed = await client.ListToolsAsync(cancellationToken: cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                throw new MementoException($"tools.servers '{server.Name}': could not start '{server.Command}' as an MCP stdio server: {e.Message}");
            }
            foreach (var tool in listed)
            {
                if (owner.TryGetValue(tool.Name, out var other))
                    throw new MementoException($"tools.servers '{server.Name}': tool '{tool.Name}' is also offered by '{other}'; tool names must be unique");
                owner[tool.Name] = server.Name;
                tools.Add(new TrimmedTool(tool, resultTokenBudget));
            }
        }
        return tools;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var client in _clients) await client.DisposeAsync();
        _clients.Clear();
    }

    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();
}
