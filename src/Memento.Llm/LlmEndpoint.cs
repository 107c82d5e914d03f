namespace Memento.Llm;

/// <summary>Where one chat model is served: an OpenAI-compatible base URL (null = api.openai.com), the model name and
/// the environment variable holding the key.</summary>
public sealed record LlmEndpoint(string? BaseUrl, string Model, string ApiKeyEnv, TimeSpan Timeout)
{
    /// <summary>What the cache keys on: the server and the model (never the key).</summary>
    public string Identity => $"{BaseUrl ?? "https://api.openai.com/v1"}|{Model}";
}
