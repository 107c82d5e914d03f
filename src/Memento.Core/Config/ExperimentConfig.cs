namespace Memento.Core.Config;

/// <summary>The dataset to replay and its filters. <see cref="Levels"/> keeps GAIA levels; <see cref="Sample"/> &gt; 0 keeps
/// that many tasks drawn with <see cref="SampleSeed"/> (file order kept); <see cref="Fields"/> names the columns of a
/// generic JSONL file (<c>kind: jsonl</c>).</summary>
public sealed record DatasetConfig(
    string Kind, string? Path, IReadOnlyList<string> Sources, int LimitPerSource, int SyntheticTasks, int WorldSeed,
    IReadOnlyList<int>? Levels = null, string MissingAttachments = "error", DatasetFields? Fields = null, int Sample = 0,
    int SampleSeed = 0);

/// <summary>Field names of a generic JSONL dataset. <see cref="Source"/> and <see cref="Level"/> may be absent from the
/// rows (source then defaults to the file name without extension).</summary>
public sealed record DatasetFields(string Id, string Question, string Answer, string Source, string Level)
{
    public static readonly DatasetFields Default = new("id", "question", "answer", "source", "level");
}

/// <summary>The agent box. <see cref="Llm"/> holds the planner–executor's knobs (<c>kind: llm</c>);
/// <see cref="ReplayPath"/> the recorded answers re-scored by <c>kind: replay</c>.</summary>
public sealed record AgentConfig(string Kind, SimConfig Sim, LlmAgentConfig? Llm = null, string? ReplayPath = null);

/// <summary>The LLM planner–executor (<c>agent.kind: llm</c>) against any OpenAI-compatible endpoint. The API key is
/// read only from the environment variable named by <see cref="ApiKeyEnv"/>; it is never stored in config.</summary>
public sealed record LlmAgentConfig(
    string? BaseUrl, string PlannerModel, string ExecutorModel, string ApiKeyEnv, int MaxCycles, int MaxToolCalls,
    double Temperature, double TimeoutS, int MaxContextTokens, int MaxToolResultTokens, int MaxRetries,
    int MaxConcurrency, double RequestsPerMinute, double RetryDelayS = 1);

/// <summary>The LLM judge (<c>judge.kind: llm</c>, the PM criterion, or <c>simpleqa</c>, OpenAI's SimpleQA grader).
/// A null base URL falls back to the agent's.</summary>
public sealed record LlmJudgeConfig(string? BaseUrl, string Model, string ApiKeyEnv, int MaxRetries, double TimeoutS);

/// <summary>The SQLite response cache under every LLM client (<c>cache.path</c>, <c>cache.mode</c>). A response served
/// from the cache counts its tokens; it costs nothing unless <see cref="ChargeHits"/> prices it as if it were requested.</summary>
public sealed record CacheConfig(string? Path, string Mode, bool ChargeHits = false)
{
    public static readonly string[] Modes = ["read-write", "read-only", "off"];
    public static readonly CacheConfig Off = new(null, "off");
}

/// <summary>One MCP tool server spoken to over stdio.</summary>
public sealed record ToolServerConfig(string Name, string Command, IReadOnlyList<string> Args, IReadOnlyDictionary<string, string> Env);

/// <summary>What one model costs, in USD per million prompt (input) and completion (output) tokens.</summary>
public sealed record ModelPrice(double InputPerMTok, double OutputPerMTok);

public sealed record ToolsConfig(IReadOnlyList<ToolServerConfig> Servers)
{
    public static readonly ToolsConfig None = new([]);
}

/// <summary>Knobs of the embedded simulator (design.md §4). Base rates are success probabilities with no memory.</summary>
public sealed record SimConfig(
    double BaseRate, IReadOnlyDictionary<string, double> BaseRates, double SkillBoost, double FailedPlanWeight,
    double DistractionPenalty, double DifficultySpread);

public sealed record QNetConfig(
    int Buckets, int EmbeddingDim, int Hidden, double LearningRate, double EmbeddingLearningRate, int BatchSize,
    int BufferSize, int Warmup, int UpdatesPerEpisode, double Temperature, double Epsilon, bool PositiveWeight,
    int Shortlist, string? Init, string Features = "hashed", int AdapterDim = 0);

public sealed record KernelConfig(
    int ProjectionDim, double LearningRate, double Beta, double Gamma, double Alpha, int StoreSize, int BatchSize,
    int UpdatesPerEpisode, double Bandwidth, int Shortlist = 64, double Temperature = 0);

public sealed record MemoryConfig(
    string Policy, int K, EncoderConfig Encoder, bool Frozen, string? SeedBank, QNetConfig QNet, KernelConfig Kernel);

/// <summary>The text encoder of similarity reads and the learned policies' first stage (<c>memory.encoder</c>):
/// <c>hashed</c> TF-IDF of <see cref="Dim"/> buckets, a local <c>onnx</c> sentence model (<see cref="Model"/> and
/// <see cref="Vocab"/> paths; null = the packaged all-MiniLM-L6-v2), or an <c>openai</c>-compatible embeddings endpoint
/// (<see cref="Model"/> is the model name there).</summary>
public sealed record EncoderConfig(
    string Kind, int Dim, string? Model = null, string? Vocab = null, string? Pooling = null, int BatchSize = 32,
    int MaxTokens = 256, string? BaseUrl = null, string ApiKeyEnv = "OPENAI_API_KEY", int? Dimensions = null, double TimeoutS = 60)
{
    public static readonly string[] Kinds = ["hashed", "onnx", "openai"];
    public static readonly EncoderConfig Hashed = new("hashed", 256);

    /// <summary>The openai kind's model name when none is given.</summary>
    public string ApiModel => Model ?? "text-embedding-3-small";
}

public sealed record ScheduleConfig(int Iterations, int Attempts, int Parallelism, bool Shuffle);

public sealed record JudgeConfig(string Kind, string Reward, LlmJudgeConfig? Llm = null)
{
    /// <summary>The kinds whose verdict comes from an LLM (PM, or the SimpleQA grade): they need judge settings and
    /// an LLM runtime, and they are the only ones that give <c>reward: pm</c>.</summary>
    public bool UsesLlm => Kind is "llm" or "simpleqa";
}

/// <summary>The typed, validated experiment config. Built only through <see cref="ConfigLoader"/>.</summary>
public sealed record ExperimentConfig(
    string Name, int Seed, DatasetConfig Dataset, AgentConfig Agent, MemoryConfig Memory, ScheduleConfig Schedule,
    JudgeConfig Judge, IReadOnlyDictionary<string, IReadOnlyList<object?>> Grid, CacheConfig? Cache = null,
    ToolsConfig? Tools = null, IReadOnlyDictionary<string, ModelPrice>? Prices = null)
{
    public static readonly string[] Policies = ["none", "random", "similarity", "qnet", "kernel"];
    public static readonly string[] QNetFeatures = ["hashed", "encoder"];
    public static readonly string[] DatasetKinds = ["synthetic", "deepresearcher", "gaia", "simpleqa", "jsonl"];
    public static readonly string[] AgentKinds = ["sim", "llm", "replay"];
    public static readonly string[] JudgeKinds = ["deepresearcher", "gaia", "llm", "simpleqa"];
    public static readonly string[] Rewards = ["em", "f1>=0.5", "pm"];

    internal static ExperimentConfig Bind(ConfigNode root)
    {
        var name = root.String("name", "experiment");
        var seed = root.Int("seed", 1, 0);

        var d = root.Section("dataset");
        var dataset = new DatasetConfig(
            d.Choice("kind", "synthetic", DatasetKinds),
            d.OptionalString("path"),
            d.StringList("sources", []),
            d.Int("limit_per_source", 0, 0),
            d.Int("synthetic_tasks", 600, 1, 1_000_000),
            d.Int("world_seed", 7, 0),
            d.StringList("levels", []).Select(l => int.TryParse(l, out var level) && level is >= 1 and <= 3
                ? level
                : throw MementoException.BadValue("dataset.levels", l, "GAIA levels 1, 2 or 3")).ToArray(),
            d.Choice("missing_attachments", "error", "error", "score-wrong"),
            BindFields(d.Section("fields")),
            d.Int("sample", 0, 0),
            d.Int("sample_seed", 0, 0));
        d.EnsureAllKeysKnown();
        if (dataset.Kind != "synthetic" && dataset.Path is null)
            throw MementoException.BadValue("dataset.path", "", $"a file path for dataset.kind '{dataset.Kind}'");

        var a = root.Section("agent");
        var agentKind = a.Choice("kind", "sim", AgentKinds);
        var sn = a.Section("sim");
        var sim = new SimConfig(
            sn.Double("base_rate", 0.35, 0.001, 0.999),
            sn.NumberMap("base_rates", 0.001, 0.999),
            sn.Double("skill_boost", 1.6, 0, 10),
            sn.Double("failed_plan_weight", 0.2, -10, 10),
            sn.Double("distraction_penalty", 0.25, 0, 10),
            sn.Double("difficulty_spread", 1.0, 0, 10));
        sn.EnsureAllKeysKnown();
        var llm = new LlmAgentConfig(
            a.OptionalString("base_url"),
            a.String("planner_model", "gpt-4.1"),
            a.String("executor_model", "o3"),
            a.EnvironmentVariableName("api_key_env", "OPENAI_API_KEY"),
            a.Int("max_cycles", 3, 1, 100),
            a.Int("max_tool_calls", 10, 0, 1000),
            a.Double("temperature", 0, 0, 2),
            a.Double("timeout_s", 120, 0.001, 86400),
            a.Int("max_context_tokens", 64000, 256, 10_000_000),
            a.Int("max_tool_result_tokens", 4000, 16, 1_000_000),
            a.Int("max_retries", 6, 0, 100),
            a.Int("max_concurrency", 0, 0, 1024),
            a.Double("requests_per_minute", 0, 0, 1_000_000),
            a.Double("retry_delay_s", 1, 0, 600));
        var replayPath = a.OptionalString("replay_path");
        a.EnsureAllKeysKnown();
        if (agentKind == "replay" && replayPath is null)
            throw MementoException.BadValue("agent.replay_path", "", "a trajectories.jsonl or Memento result JSONL file for agent.kind 'replay'");

        var m = root.Section("memory");
        var policy = m.Choice("policy", "similarity", Policies);
        var k = m.Int("k", 4, 0, 64);
        var e = m.Section("encoder");
        var encoder = new EncoderConfig(
            e.Choice("kind", "hashed", EncoderConfig.Kinds),
            e.Int("dim", 256, 16, 1 << 20),
            e.OptionalString("model"),
            e.OptionalString("vocab"),
            e.Keys.Contains("pooling") ? e.Choice("pooling", "mean", "mean", "cls") : null,
            e.Int("batch_size", 32, 1, 4096),
            e.Int("max_tokens", 256, 8, 8192),
            e.OptionalString("base_url"),
            e.EnvironmentVariableName("api_key_env", "OPENAI_API_KEY"),
            e.Keys.Contains("dimensions") ? e.Int("dimensions", 0, 1, 1 << 16) : null,
            e.Double("timeout_s", 60, 0.001, 86400));
        e.EnsureAllKeysKnown();
        var frozen = m.Bool("frozen", false);
        var seedBank = m.OptionalString("seed_bank");
        var q = m.Section("qnet");
        var qnet = new QNetConfig(
            q.Int("buckets", 1 << 16, 64, 1 << 24),
            q.Int("embedding_dim", 64, 4, 1024),
            q.Int("hidden", 128, 4, 4096),
            q.Double("lr", 3e-4, 1e-7, 1),
            q.Double("embedding_lr", 0.0005, 1e-7, 10),
            q.Int("batch_size", 64, 1, 65536),
            q.Int("buffer_size", 20000, 1, 10_000_000),
            q.Int("warmup", 64, 0),
            q.Int("updates_per_episode", 1, 0, 1000),
            q.Double("temperature", 0, 0, 100),
            q.Double("epsilon", 0, 0, 1),
            q.Bool("positive_weight", true),
            q.Int("shortlist", 16, 1, 100_000),
            q.OptionalString("init"),
            q.Choice("features", "hashed", QNetFeatures),
            q.Int("adapter_dim", 0, 0, 4096));
        q.EnsureAllKeysKnown();
        var kn = m.Section("kernel");
        var kernel = new KernelConfig(
            kn.Int("projection_dim", 64, 2, 4096),
            kn.Double("lr", 1e-3, 1e-7, 1),
            kn.Double("beta", 0.05, 0, 1),
            kn.Double("gamma", 0, 0, 1),
            kn.Double("alpha", 1.0, 1e-6, 100),
            kn.Int("store_size", 20000, 1, 10_000_000),
            kn.Int("batch_size", 64, 1, 65536),
            kn.Int("updates_per_episode", 1, 0, 1000),
            kn.Double("bandwidth", 1.0, 1e-6, 100),
            kn.Int("shortlist", 64, 1, 100_000),
            kn.Double("temperature", 0, 0, 100));
        kn.EnsureAllKeysKnown();
        m.EnsureAllKeysKnown();
        var memory = new MemoryConfig(policy, k, encoder, frozen, seedBank, qnet, kernel);

        var sc = root.Section("schedule");
        var schedule = new ScheduleConfig(
            sc.Int("iterations", 3, 1, 1000),
            sc.Int("attempts", 1, 1, 100),
            sc.Int("parallelism", 1, 1, 1024),
            sc.Bool("shuffle", true));
        sc.EnsureAllKeysKnown();

        var j = root.Section("judge");
        var judgeKind = j.Choice("kind", "deepresearcher", JudgeKinds);
        // The SimpleQA grader's verdict is its PM: by default it is also the reward.
        var judgeReward = j.Choice("reward", judgeKind == "simpleqa" ? "pm" : "em", Rewards);
        var judgeLlm = new LlmJudgeConfig(
            j.OptionalString("base_url"),
            j.String("model", "gpt-4o-mini"),
            j.EnvironmentVariableName("api_key_env", "OPENAI_API_KEY"),
            j.Int("max_retries", 2, 0, 20),
            j.Double("timeout_s", 120, 0.001, 86400));
        var judge = new JudgeConfig(judgeKind, judgeReward, judgeLlm);
        j.EnsureAllKeysKnown();
        if (judge.Reward == "pm" && !judge.UsesLlm)
            throw MementoException.BadValue("judge.reward", "pm", $"em or f1>=0.5 (pm needs judge.kind 'llm' or 'simpleqa'; judge.kind '{judge.Kind}' runs no LLM judge)");

        var cn = root.Section("cache");
        var cache = new CacheConfig(cn.OptionalString("path"), cn.Choice("mode", "read-write", CacheConfig.Modes), cn.Bool("charge_hits", false));
        cn.EnsureAllKeysKnown();
        if (cache.Mode == "read-only" && cache.Path is null)
            throw MementoException.BadValue("cache.path", "", "a cache file for cache.mode 'read-only'");

        var tools = BindTools(root.RawMapping("tools"));
        var prices = BindPrices(root.Section("prices"));

        var grid = new Dictionary<string, IReadOnlyList<object?>>();
        foreach (var (key, values) in root.RawMapping("grid") ?? new())
            grid[key] = values is List<object?> list && list.Count > 0
                ? list
                : throw MementoException.BadValue("grid." + key, values is Dictionary<string, object?> ? "{mapping}" : values, "a non-empty list of values");

        root.EnsureAllKeysKnown();
        return new ExperimentConfig(
            name, seed, dataset, new AgentConfig(agentKind, sim, llm, replayPath), memory, schedule, judge, grid, cache, tools, prices);
    }

    /// <summary><c>prices: {MODEL: {input_per_mtok, output_per_mtok}}</c>, keyed by the model names the config uses.</summary>
    private static Dictionary<string, ModelPrice> BindPrices(ConfigNode prices)
    {
        var bound = new Dictionary<string, ModelPrice>();
        foreach (var model in prices.Keys)
        {
            var p = prices.Section(model);
            bound[model] = new ModelPrice(p.RequiredDouble("input_per_mtok", 0, 1e6), p.RequiredDouble("output_per_mtok", 0, 1e6));
            p.EnsureAllKeysKnown();
        }
        prices.EnsureAllKeysKnown();
        return bound;
    }

    /// <summary><c>tools: {servers: [{name, command, args, env}]}</c>, read from the raw tree (a list of mappings).</summary>
    private static ToolsConfig BindTools(Dictionary<string, object?>? tools)
    {
        if (tools is null) return ToolsConfig.None;
        foreach (var key in tools.Keys)
            if (key != "servers") throw MementoException.UnknownKey("tools." + key, ["servers"]);
        var raw = tools.GetValueOrDefault("servers") switch
        {
            null => [],
            List<object?> list => list,
            var other => throw MementoException.BadValue("tools.servers", other, "a list of {name, command, args, env}"),
        };
        var servers = new List<ToolServerConfig>();
        for (var i = 0; i < raw.Count; i++)
        {
            var path = $"tools.servers[{i}]";
            if (raw[i] is not Dictionary<string, object?> map) throw MementoException.BadValue(path, raw[i], "a mapping with name, command, args, env");
            var envRaw = map.GetValueOrDefault("env");
            map.Remove("env");
            var s = new ConfigNode(path, map);
            var name = s.OptionalString("name") ?? throw MementoException.BadValue(path + ".name", "", "a tool server name");
            var command = s.OptionalString("command") ?? throw MementoException.BadValue(path + ".command", "", "the command that starts the MCP server");
            var args = s.StringList("args", []);
            s.Section("env");
            s.EnsureAllKeysKnown();
            if (envRaw is not (null or Dictionary<string, object?>)) throw MementoException.BadValue(path + ".env", envRaw, "a mapping of environment variables");
            var env = new Dictionary<string, string>();
            foreach (var (key, value) in envRaw as Dictionary<string, object?> ?? new())
                env[key] = value as string ?? throw MementoException.BadValue($"{path}.env.{key}", value, "a string");
            map["env"] = envRaw;
            if (servers.Any(x => x.Name == name)) throw MementoException.BadValue(path + ".name", name, "a name no other tool server has");
            servers.Add(new ToolServerConfig(name, command, args, env));
        }
        return new ToolsConfig(servers);
    }

    private static DatasetFields BindFields(ConfigNode f)
    {
        var fields = new DatasetFields(
            f.String("id", DatasetFields.Default.Id),
            f.String("question", DatasetFields.Default.Question),
            f.String("answer", DatasetFields.Default.Answer),
            f.String("source", DatasetFields.Default.Source),
            f.String("level", DatasetFields.Default.Level));
        f.EnsureAllKeysKnown();
        return fields;
    }
}
