using System.ClientModel;
using Memento.Core;
using Memento.Core.Config;
using Memento.Core.Loop;
using OpenAI.Chat;
using Memento.Core.Plugins;

namespace Memento.Llm;

/// <summary>
/// Checks, before any episode request and before a results folder exists, that every endpoint a run will call can be
/// called. The endpoints are the ones the selected kinds declare (<see cref="PluginCatalog.Endpoints"/>: the LLM agent's,
/// an LLM judge's, the <c>openai</c> encoder's). Each is listed with its key variable; an unset or empty key variable is
/// one error line naming it; then each server is asked a cheap question — <c>GET {base_url}/models</c>, or, when that
/// route is not served (404, 405), one chat request of one output token (one embedding of one word for an embeddings
/// endpoint) — and a refused connection, a timeout or an HTTP error is one line naming the URL and what came back.
/// Each <c>tools.servers</c> entry is started and must list its tools. A run replaying from a read-only cache calls no
/// endpoint and is not checked.
/// </summary>
public static class Preflight
{
    private static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(20);

    /// <summary>A run sends requests: it does not replay from a read-only cache.</summary>
    public static bool SendsRequests(ExperimentConfig c) => c.Cache is not { Mode: "read-only" };

    /// <summary>A run calls tools: it sends requests, has a tools: section, and its agent is the LLM (a simulated or
    /// replayed run with a tools: section calls none).</summary>
    public static bool CallsTools(ExperimentConfig c) => SendsRequests(c) && c.Tools is not null && c.Agent.Kind == LlmPlugins.Agent.Name;

    public static async Task CheckAsync(PluginCatalog catalog, IEnumerable<ExperimentConfig> configs, TextWriter log, CancellationToken cancellationToken)
    {
        var endpoints = configs.Where(SendsRequests)
            .SelectMany(catalog.Endpoints)
            .DistinctBy(e => (e.Role, e.Endpoint.Url, e.Endpoint.Model, e.Endpoint.ApiKeyEnv))
            .ToList();
        foreach (var (role, e, _) in endpoints)
            log.WriteLine($"endpoint {role}: {e.Model} at {e.Url}, key {(e.ApiKeyEnv is null ? "none (api_key_env: null)" : "from " + e.ApiKeyEnv)}");
        foreach (var (role, e, _) in endpoints)
            if (ApiKey.FromEnvironment(e.ApiKeyEnv).IsMissing)
                throw new MementoException(
                    $"the {role} endpoint {e.Url} needs an API key in the environment variable {e.ApiKeyEnv}, which is not set or empty " +
                    "(set it, name another variable in api_key_env, or write api_key_env: null for a server that takes no key)");
        foreach (var (_, e, embeddings) in endpoints.DistinctBy(x => (x.Endpoint.Url, x.Endpoint.ApiKeyEnv)))
            await ReachAsync(e with { Timeout = e.Timeout < MaxWait ? e.Timeout : MaxWait }, embeddings, cancellationToken);
        foreach (var servers in configs.Where(c => CallsTools(c) && c.Tools!.Servers.Count > 0)
                     .Select(c => c.Tools!).DistinctBy(t => string.Join("\n", t.Servers.Select(s => $"{s.Name} {s.Command} {string.Join(' ', s.Args)}"))))
            await StartToolServersAsync(servers, log, cancellationToken);
    }

    /// <summary>Starts each <c>tools.servers</c> entry as the run will and lists its tools, then stops them.</summary>
    private static async Task StartToolServersAsync(ToolsConfig tools, TextWriter log, CancellationToken cancellationToken)
    {
        await using var toolbox = new McpToolbox(tools, int.MaxValue);
        try
        {
            var listed = await toolbox.GetToolsAsync(cancellationToken);
            log.WriteLine($"tool servers {string.Join(", ", tools.Servers.Select(s => s.Name))}: {listed.Count} tools listed");
        }
        catch (MementoException e)
        {
            throw new MementoException($"pre-flight check failed: {e.Message} (--skip-preflight skips this check)");
        }
    }

    private static async Task ReachAsync(LlmEndpoint endpoint, bool embeddings, CancellationToken cancellationToken)
    {
        var client = ChatPipeline.OpenAi(endpoint, ApiKey.FromEnvironment(endpoint.ApiKeyEnv));
        var models = endpoint.Url.TrimEnd('/') + "/models";
        try
        {
            await client.GetOpenAIModelClient().GetModelsAsync(cancellationToken);
            return;
        }
        catch (ClientResultException e) when (e.Status is 404 or 405)
        {
            // Not every OpenAI-compatible server lists its models: one tiny chat request instead.
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            throw Unreachable($"GET {models}", endpoint, e);
        }
        try
        {
            if (embeddings)
                await client.GetEmbeddingClient(endpoint.Model).GenerateEmbeddingAsync("ping", cancellationToken: cancellationToken);
            else
                await client.GetChatClient(endpoint.Model).CompleteChatAsync(
                    [new UserChatMessage("ping")], new ChatCompletionOptions { MaxOutputTokenCount = 1 }, cancellationToken);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            var route = embeddings ? "embeddings" : "chat/completions";
            throw Unreachable($"POST {endpoint.Url.TrimEnd('/')}/{route} (model {endpoint.Model}; GET {models} is not served)", endpoint, e);
        }
    }

    /// <summary>The one line of a failed check; when nothing answered at all, it first suggests checking the server and
    /// the configured <c>base_url</c>.</summary>
    private static MementoException Unreachable(string request, LlmEndpoint endpoint, Exception e)
    {
        var unanswered = LlmError.KindOf(e) is EpisodeErrorKinds.Unreachable or EpisodeErrorKinds.Timeout;
        var hint = unanswered ? $"check that the server is up and that base_url ({endpoint.Url}) is right; " : "";
        return new($"pre-flight check failed: {request} → {LlmError.Describe(e, endpoint)} ({hint}--skip-preflight skips this check)");
    }
}
