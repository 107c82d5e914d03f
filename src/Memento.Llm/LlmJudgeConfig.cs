using Memento.Core.Config;
using Memento.Core.Plugins;

namespace Memento.Llm;

/// <summary>The LLM judge (<c>judge.kind: llm</c>, the PM criterion, <c>simpleqa</c>, OpenAI's SimpleQA grader, or <c>hle</c>, Humanity's Last Exam's judge).
/// The judge's endpoint is the agent's unless it names its own: an unset <c>base_url</c> is the agent's base_url and an
/// unset <c>api_key_env</c> (<see cref="KeyFromAgent"/>) the agent's api_key_env, so a judge that sets neither talks to
/// the agent's server with the agent's key. <see cref="MaxRetries"/> re-asks after an unparseable verdict;
/// <see cref="HttpRetries"/> and <see cref="RetryDelayS"/> retry failed requests.</summary>
internal sealed record LlmJudgeConfig(
    string? BaseUrl, string Model, string? ApiKeyEnv, bool KeyFromAgent, int MaxRetries, double TimeoutS, int HttpRetries, double RetryDelayS,
    bool StructuredOutput = true)
{
    /// <summary>Shared by both LLM judge kinds, so the keys are read once.</summary>
    public static readonly PluginSettings Settings = PluginSettings.Beside(Bind);

    public static LlmJudgeConfig Bind(ConfigNode j) => new(
        j.OptionalString("base_url", "OpenAI-compatible endpoint of the judge (none: the agent's base_url)"),
        j.String("model", "gpt-4o-mini", "judge model"),
        j.OptionalEnvironmentVariableName("api_key_env", null, "environment variable holding the judge's API key (unset: the agent's api_key_env; null: no key)"),
        !j.Has("api_key_env"),
        j.Int("max_retries", 2, "times the judge is asked again after an unparseable verdict before judge_error is recorded", 0, 20),
        j.Double("timeout_s", 120, "HTTP timeout of one judge request, in seconds", 0.001, 86400),
        j.Int("http_retries", 6, "HTTP retries of a failed or rate-limited judge request, with exponential backoff", 0, 100),
        j.Double("retry_delay_s", 1, "first backoff delay of the judge's HTTP retries, doubled each retry", 0, 600),
        j.Bool("structured_output", true, "kind hle: ask for the verdict as JSON-schema structured output (false for servers without it: the fields are parsed from text)"));
}
