using System.ClientModel;
using System.ClientModel.Primitives;
using Memento.Core;
using Memento.Core.Agents;
using Microsoft.Extensions.AI;
using OpenAI;
using Memento.Core.Plugins;

namespace Memento.Llm;

/// <summary>
/// Builds one chat client: the OpenAI SDK against any OpenAI-compatible endpoint, wrapped in the run's decorators.
/// Read the builder top to bottom as a request travels: errors redacted → tool calls executed (executor only) →
/// context trimmed → response cache → retries with backoff → client-side rate limit → HTTP.
/// </summary>
public static class ChatPipeline
{
    /// <param name="retries">HTTP retries of this client; null takes the runtime's (the agent's settings).</param>
    /// <param name="box">Who asks (<see cref="LlmRuntime.Agent"/>, <see cref="LlmRuntime.Judge"/>, a tool): its cache hits are counted apart.</param>
    public static IChatClient Build(
        LlmEndpoint endpoint, LlmRuntime runtime, int maxToolRounds = 0, int maxContextTokens = int.MaxValue, RetrySettings? retries = null,
        string box = LlmRuntime.Agent)
    {
        var retry = retries ?? new RetrySettings(runtime.MaxRetries, runtime.RetryBaseDelay);
        return Client(endpoint, runtime).GetChatClient(endpoint.Model).AsIChatClient()
            .AsBuilder()
            .Use(inner => new RedactingChatClient(inner, endpoint))
            .Use(inner => maxToolRounds > 0 ? new FunctionInvokingChatClient(inner)
            {
                MaximumIterationsPerRequest = maxToolRounds,
                FunctionInvoker = async (call, ct) =>
                {
                    try
                    {
                        var result = await call.Function.InvokeAsync(call.Arguments, ct);
                        runtime.CountToolCall(call.Function.Name, result as string);
                        return result;
                    }
                    catch (Exception e) when (!ct.IsCancellationRequested)
                    {
                        runtime.CountToolCall(call.Function.Name, ToolCallTrace.ErrorPrefix + e.Message);
                        throw;
                    }
                },
            } : inner)
            .Use(inner => new ContextTrimmingChatClient(inner, maxContextTokens))
            .Use(inner => new SqliteCachingChatClient(inner, runtime.Cache, endpoint, () => runtime.CountCacheHit(box)))
            .Use(inner => new RetryingChatClient(inner, retry.MaxRetries, retry.BaseDelay, runtime.ReportRetry, endpoint.Model))
            .Use(inner => new RateLimitingChatClient(inner, runtime))
            .Build();
    }

    /// <summary>The OpenAI SDK client of an endpoint (chat or embeddings), with the key read from the variable the
    /// config names and the SDK's own retries off (ours are the pipeline's).</summary>
    public static OpenAIClient Client(LlmEndpoint endpoint, LlmRuntime runtime)
    {
        var key = ApiKey.FromEnvironment(endpoint.ApiKeyEnv);
        if (key.IsMissing && endpoint.BaseUrl is null && runtime.Cache is not { ReadOnly: true })
            throw new MementoException(
                $"model '{endpoint.Model}' is served by api.openai.com but the environment variable {endpoint.ApiKeyEnv} is not set " +
                "(set it, point base_url at an OpenAI-compatible server, or replay from a read-only cache)");
        return OpenAi(endpoint, key);
    }

    /// <summary>The OpenAI SDK client of an endpoint, without retries of its own.</summary>
    internal static OpenAIClient OpenAi(LlmEndpoint endpoint, ApiKey key)
    {
        var options = new OpenAIClientOptions
        {
            RetryPolicy = new ClientRetryPolicy(0),   // retries are ours (RetryingChatClient), not the SDK's
            NetworkTimeout = endpoint.Timeout,
        };
        if (endpoint.BaseUrl is { } url) options.Endpoint = new Uri(url);
        return new OpenAIClient(new ApiKeyCredential(key.Secret), options);
    }
}
