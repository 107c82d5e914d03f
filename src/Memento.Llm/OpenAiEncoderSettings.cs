using Memento.Core.Config;
using Memento.Core.Plugins;

namespace Memento.Llm;

/// <summary><c>memory.encoder.openai</c>: the OpenAI-compatible embeddings endpoint of <c>memory.encoder.kind: openai</c>.
/// Retries, the request gate and the cache file are the run's (the agent's settings and <c>cache</c>).</summary>
public sealed record OpenAiEncoderSettings(string? BaseUrl, string Model, string? ApiKeyEnv, int Dimensions, int BatchSize, double TimeoutS)
{
    public static OpenAiEncoderSettings Bind(ConfigNode e) => new(
        e.OptionalString("base_url", "OpenAI-compatible endpoint serving /v1/embeddings (none: api.openai.com)"),
        e.String("model", "text-embedding-3-small", "embedding model name"),
        e.OptionalEnvironmentVariableName("api_key_env", "OPENAI_API_KEY", "environment variable holding the API key (never the key itself); null: the server needs no key"),
        e.Int("dimensions", 0, "vector size asked of the server (0: the model's own)", 0, 1 << 16),
        e.Int("batch_size", 64, "texts per request", 1, 4096),
        e.Double("timeout_s", 60, "HTTP timeout of one request, in seconds", 0.001, 86400));

    public int? RequestedDimensions => Dimensions > 0 ? Dimensions : null;

    public LlmEndpoint Endpoint => new(BaseUrl, Model, ApiKeyEnv, TimeSpan.FromSeconds(TimeoutS));
}
