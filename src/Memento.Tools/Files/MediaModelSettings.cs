using Memento.Core;
using Memento.Core.Config;
using Memento.Core.Plugins;
using Memento.Llm;

namespace Memento.Tools.Files;

/// <summary>
/// <c>tools.read_file.vision</c> or <c>tools.read_file.audio</c>: the OpenAI-compatible model read_file hands images (or
/// audio) to. No <c>model</c>: none, and read_file says so. Like the judge, an unset <c>base_url</c> is the agent's and an
/// unset <c>api_key_env</c> (<see cref="KeyFromAgent"/>) the agent's variable; the key is read only from that variable.
/// </summary>
internal sealed record MediaModelSettings(string? Model, string? BaseUrl, string? ApiKeyEnv, bool KeyFromAgent, double TimeoutS)
{
    public static readonly MediaModelSettings None = new(null, null, null, true, 120);

    /// <param name="what">"images" or "audio", for the doc lines.</param>
    /// <param name="part">How the file travels, for the doc line of <c>model</c>.</param>
    public static MediaModelSettings Bind(ConfigNode s, string what, string part)
    {
        var settings = new MediaModelSettings(
            s.OptionalString("model", $"model that reads {what}, sent as {part} (unset: none; read_file answers that no model is configured for {what})"),
            s.OptionalString("base_url", "its OpenAI-compatible endpoint (unset: the agent's base_url)"),
            s.OptionalEnvironmentVariableName("api_key_env", null, "environment variable holding its key (unset: the agent's api_key_env; null: no key)"),
            !s.Has("api_key_env"),
            s.Double("timeout_s", 120, "HTTP timeout of one request, in seconds", 0.001, 86400));
        if (settings.BaseUrl is { } url && !(Uri.TryCreate(url, UriKind.Absolute, out var u) && u.Scheme is "http" or "https"))
            throw MementoException.BadValue(s.Full("base_url"), url, "an http(s) URL");
        s.EnsureAllKeysKnown();
        return settings;
    }

    /// <summary>The model's endpoint with the agent's filling what is unset; null when no model is named.</summary>
    public LlmEndpoint? Endpoint(LlmEndpoint? agent) => Model is null
        ? null
        : new LlmEndpoint(BaseUrl ?? agent?.BaseUrl, Model, KeyFromAgent ? agent?.ApiKeyEnv : ApiKeyEnv, TimeSpan.FromSeconds(TimeoutS));
}
