namespace Memento.Core.Plugins;

/// <summary>Where one model is served (chat or embeddings): an OpenAI-compatible base URL (null = api.openai.com), the
/// model name and the environment variable holding the key (null: the server takes none).</summary>
public sealed record LlmEndpoint(string? BaseUrl, string Model, string? ApiKeyEnv, TimeSpan Timeout)
{
    public const string OpenAiUrl = "https://api.openai.com/v1";

    /// <summary>The base URL requests go to.</summary>
    public string Url => BaseUrl ?? OpenAiUrl;

    /// <summary>What the cache keys on: the server and the model (never the key).</summary>
    public string Identity => $"{Url}|{Model}";
}
