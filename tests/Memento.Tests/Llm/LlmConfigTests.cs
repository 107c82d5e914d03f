using Memento.Llm;
using Memento.Cli.Running;
using Memento.Core;
using Memento.Core.Config;
using NUnit.Framework;

namespace Memento.Tests.Llm;

public class LlmConfigTests
{
    private static ExperimentConfig Bind(string yaml) => ConfigLoader.FromTree(Plugins.All, YamlTree.Parse(yaml, "test")).Config;

    [Test]
    public void Binds_the_llm_agent_judge_cache_and_tools()
    {
        var config = Bind("""
            agent: {kind: llm, base_url: "http://localhost:8000/v1", planner_model: gpt-4.1, executor_model: o3, api_key_env: MY_KEY,
                    max_cycles: 2, max_tool_calls: 5, temperature: 0.2, timeout_s: 30, max_context_tokens: 9000}
            judge: {kind: llm, reward: pm, model: gpt-4o-mini, max_retries: 1}
            cache: {path: runs/llm.sqlite, mode: read-only}
            tools:
              servers:
                - {name: search, command: python, args: [server/search_tool.py], env: {SERPER_KEY_ENV: SERPER}}
                - {name: math, command: python, args: [server/math_tool.py]}
            """);
        var llm = config.Agent.Settings.Get<LlmAgentConfig>();
        Assert.That((config.Agent.Kind, llm.BaseUrl, llm.PlannerModel, llm.ExecutorModel, llm.ApiKeyEnv),
            Is.EqualTo(("llm", "http://localhost:8000/v1", "gpt-4.1", "o3", "MY_KEY")));
        Assert.That((llm.MaxCycles, llm.MaxToolCalls, llm.Temperature, llm.TimeoutS, llm.MaxContextTokens), Is.EqualTo((2, 5, 0.2, 30.0, 9000)));
        Assert.That((config.Judge.Kind, config.Judge.Reward, config.Judge.Settings.Get<LlmJudgeConfig>().Model, config.Judge.Settings.Get<LlmJudgeConfig>().MaxRetries, config.Judge.Settings.Get<LlmJudgeConfig>().KeyFromAgent),
            Is.EqualTo(("llm", "pm", "gpt-4o-mini", 1, true)));
        Assert.That(config.Cache, Is.EqualTo(new CacheConfig("runs/llm.sqlite", "read-only")));
        Assert.That(config.Tools!.Servers.Select(s => (s.Name, s.Command, string.Join(" ", s.Args))),
            Is.EqualTo(new[] { ("search", "python", "server/search_tool.py"), ("math", "python", "server/math_tool.py") }));
        Assert.That(config.Tools.Servers[0].Env["SERPER_KEY_ENV"], Is.EqualTo("SERPER"));
    }

    [TestCase("", "http://agent/v1", "AGENT_KEY")]
    [TestCase("api_key_env: null", "http://agent/v1", null)]
    [TestCase("api_key_env: JUDGE_KEY", "http://agent/v1", "JUDGE_KEY")]
    [TestCase("base_url: http://judge/v1", "http://judge/v1", "AGENT_KEY")]
    public void The_judge_uses_the_agents_base_url_and_key_variable_unless_it_names_its_own(string judgeKeys, string url, string? keyEnv)
    {
        var yaml = $"agent: {{kind: llm, base_url: http://agent/v1, api_key_env: AGENT_KEY}}\njudge: {{kind: llm, model: j{(judgeKeys == "" ? "" : ", " + judgeKeys)}}}";
        var loaded = ConfigLoader.FromTree(Plugins.All, YamlTree.Parse(yaml, "test"));
        var judge = Plugins.All.Endpoints(loaded.Config).Single(e => e.Role == "judge").Endpoint;
        Assert.That((judge.Url, judge.ApiKeyEnv), Is.EqualTo((url, keyEnv)));
        var reloaded = ConfigLoader.FromTree(Plugins.All, YamlTree.Parse(loaded.ResolvedYaml, "resolved")).Config;
        Assert.That(Plugins.All.Endpoints(reloaded).Single(e => e.Role == "judge").Endpoint, Is.EqualTo(judge), "the resolved config means the same");
    }

    [Test]
    public void Api_key_env_null_means_the_server_takes_no_key_and_survives_the_resolved_config()
    {
        var loaded = ConfigLoader.FromTree(Plugins.All, YamlTree.Parse("agent: {kind: llm, base_url: http://local/v1, api_key_env: null}", "test"));
        Assert.That(loaded.Config.Agent.Settings.Get<LlmAgentConfig>().ApiKeyEnv, Is.Null);
        var reloaded = ConfigLoader.FromTree(Plugins.All, YamlTree.Parse(loaded.ResolvedYaml, "resolved")).Config;
        Assert.That(reloaded.Agent.Settings.Get<LlmAgentConfig>().ApiKeyEnv, Is.Null);
        Assert.That(ApiKey.FromEnvironment(null).IsMissing, Is.False);
    }

    [Test]
    public void Defaults_follow_the_paper_and_the_key_comes_from_OPENAI_API_KEY()
    {
        var config = Bind("agent: {kind: llm}");
        Assert.That((config.Agent.Settings.Get<LlmAgentConfig>().MaxCycles, config.Agent.Settings.Get<LlmAgentConfig>().ApiKeyEnv, config.Agent.Settings.Get<LlmAgentConfig>().BaseUrl), Is.EqualTo((3, "OPENAI_API_KEY", (string?)null)));
        Assert.That(config.Cache!.Mode, Is.EqualTo("read-write"));
        Assert.That(config.Tools!.Servers, Is.Empty);
    }

    [TestCase("agent: {kind: llm, api_key_env: sk-proj-Abc123XYZ}")]
    [TestCase("judge: {kind: llm, reward: pm, api_key_env: 'sk-proj-Abc123XYZ'}")]
    public void A_key_pasted_as_api_key_env_is_refused_without_being_shown(string yaml)
    {
        var error = Assert.Throws<MementoException>(() => Bind(yaml))!;
        Assert.That(error.Message, Does.Contain("api_key_env must name an environment variable"));
        Assert.That(error.Message, Does.Not.Contain("Abc123XYZ"));
    }

    [TestCase("judge: {reward: pm}", "judge.reward")]
    [TestCase("judge: {kind: gaia, reward: pm}", "judge.reward")]
    [TestCase("agent: {kind: replay}", "agent.replay_path")]
    [TestCase("cache: {mode: read-only}", "cache.path")]
    [TestCase("cache: {mode: sometimes}", "cache.mode")]
    [TestCase("tools: {servers: [{name: a}]}", "tools.servers[0].command")]
    [TestCase("tools: {servers: [{name: a, command: x, cmd: y}]}", "tools.servers[0].cmd")]
    [TestCase("tools: {srv: []}", "tools.srv")]
    [TestCase("tools: {servers: [{name: a, command: x}, {name: a, command: y}]}", "tools.servers[1].name")]
    [TestCase("agent: {max_cycles: 0}", "agent.max_cycles")]
    public void Rejects_bad_llm_settings_naming_the_key(string yaml, string key)
    {
        var error = Assert.Throws<MementoException>(() => Bind(yaml))!;
        Assert.That(error.Message, Does.Contain(key));
    }

    [Test]
    public void Pm_is_allowed_with_the_llm_judge() =>
        Assert.That(Bind("judge: {kind: llm, reward: pm}").Judge.Reward, Is.EqualTo("pm"));

    [Test]
    public void The_example_config_loads_and_prices_every_model_it_calls()
    {
        var config = ConfigLoader.Load(Plugins.All, Path.Combine(TestPaths.RepoRoot, "configs", "llm-example.yaml"), []).Config;
        var models = Plugins.All.Endpoints(config).Select(e => e.Endpoint.Model).ToList();
        Assert.That(models, Is.EqualTo(new[] { "gpt-4.1", "o3", "gpt-4o-mini" }));
        Assert.That(models.All(config.Prices!.ContainsKey), Is.True);
    }
}
