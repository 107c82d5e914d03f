using Memento.Core.Config;

namespace Memento.Llm;

/// <summary>The LLM planner–executor (<c>agent.kind: llm</c>) against any OpenAI-compatible endpoint. The API key is
/// read only from the environment variable named by <see cref="ApiKeyEnv"/> (null: the server takes no key); it is never
/// stored in config.</summary>
public sealed record LlmAgentConfig(
    string? BaseUrl, string PlannerModel, string ExecutorModel, string? ApiKeyEnv, int MaxCycles, int MaxToolCalls,
    double Temperature, double TimeoutS, int MaxContextTokens, int MaxToolResultTokens, int MaxRetries,
    int MaxConcurrency, double RequestsPerMinute, double RetryDelayS,
    string Mode = LlmAgentConfig.PlannerExecutor, bool Images = false)
{
    /// <summary>Memento: the planner (with the retrieved cases) plans, the executor carries out each step with tools.</summary>
    public const string PlannerExecutor = "planner-executor";

    /// <summary>The paper's "Online Executor" (Table 5): the executor alone answers the question, calling tools; no planner, no memory.</summary>
    public const string OnlineExecutor = "online-executor";

    /// <summary>The paper's "Offline Executor" (Table 5): the executor model alone, no planner, no tools, no memory.</summary>
    public const string OfflineExecutor = "offline-executor";

    public static readonly string[] Modes = [PlannerExecutor, OnlineExecutor, OfflineExecutor];

    /// <summary>True for the two executor-only modes, which have no planner to read cases.</summary>
    public bool ExecutorOnly => Mode != PlannerExecutor;

    public static LlmAgentConfig Bind(ConfigNode a) => new(
        a.OptionalString("base_url", "OpenAI-compatible endpoint (none: api.openai.com)"),
        a.String("planner_model", "gpt-4.1", "model that writes the plan, with the retrieved cases in its prompt"),
        a.String("executor_model", "o3", "model that carries out each plan step, calling tools"),
        a.OptionalEnvironmentVariableName("api_key_env", "OPENAI_API_KEY", "environment variable holding the API key (never the key itself); null: the server needs no key (local vLLM, Ollama)"),
        a.Int("max_cycles", 3, "plan-execute-replan cycles per episode", 1, 100),
        a.Int("max_tool_calls", 10, "tool-call rounds the executor may make per plan step", 0, 1000),
        a.Double("temperature", 0, "sampling temperature of both models", 0, 2),
        a.Double("timeout_s", 120, "HTTP timeout of one model request, in seconds", 0.001, 86400),
        a.Int("max_context_tokens", 64000, "oldest messages are trimmed so a request stays under this many tokens", 256, 10_000_000),
        a.Int("max_tool_result_tokens", 4000, "a tool result longer than this is cut to it before the model sees it", 16, 1_000_000),
        a.Int("max_retries", 6, "HTTP retries of a failed or rate-limited model request, with exponential backoff", 0, 100),
        a.Int("max_concurrency", 0, "model requests in flight at once across the run, or a sweep's points (0: no limit)", 0, 1024),
        a.Double("requests_per_minute", 0, "client-side rate limit on model requests across the run, or a sweep's points (0: none)", 0, 1_000_000),
        a.Double("retry_delay_s", 1, "first backoff delay of the HTTP retries, doubled each retry", 0, 600),
        a.Choice("mode", PlannerExecutor, "planner-executor (Memento); online-executor (the executor alone with its tools) or offline-executor (the executor alone, no tools): the paper's Table 5 ablation rungs", Modes),
        a.Bool("images", false, "the planner and executor models take images: a question's image (HLE) is sent as an image part; false refuses image questions at start"));
}
