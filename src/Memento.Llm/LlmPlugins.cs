using Memento.Core.Agents;
using Memento.Core.Data;
using Memento.Core.Judging;
using Memento.Core.Plugins;
using Memento.Core.Text;

namespace Memento.Llm;

/// <summary>The kinds that talk to an LLM. Their factories take the run's shared <see cref="LlmRuntime"/> from the
/// plug-in context.</summary>
public static class LlmPlugins
{
    public static readonly Plugin<IAgent> Agent = new("llm", "the planner-executor against an OpenAI-compatible endpoint",
        context =>
        {
            LlmFactory.CheckTasks(context.Config, context.Tasks);
            return LlmFactory.Agent(context.Config, context.Service<LlmRuntime>(), context.OptionalService<IToolProvider>());
        })
    {
        Settings = PluginSettings.Beside(LlmAgentConfig.Bind),
        Endpoints = LlmFactory.AgentEndpoints,
    };

    public static readonly JudgePlugin PmJudge = new("llm", "an LLM judges semantic equivalence (PM); EM and F1 from the dataset's scorer",
        context => LlmFactory.Judge(context.Config, Lexical(context), context.Service<LlmRuntime>(),
            (lexical, client, retries, meter) => new LlmJudge(lexical, client, retries, meter)), UsesLlm: true)
    {
        Settings = LlmJudgeConfig.Settings,
        Endpoints = LlmFactory.JudgeEndpoints,
    };

    public static readonly JudgePlugin SimpleQaJudge = new("simpleqa", "OpenAI's SimpleQA grader (correct / incorrect / not attempted)",
        context => LlmFactory.Judge(context.Config, Lexical(context), context.Service<LlmRuntime>(),
            (lexical, client, retries, meter) => new SimpleQaJudge(lexical, client, retries, meter)), UsesLlm: true)
    {
        Settings = LlmJudgeConfig.Settings,
        Endpoints = LlmFactory.JudgeEndpoints,
    };

    public static readonly JudgePlugin HleJudge = new("hle", "Humanity's Last Exam's judge: extracted answer, yes/no and the response's confidence (structured output)",
        context => LlmFactory.Judge(context.Config, Lexical(context), context.Service<LlmRuntime>(), (lexical, client, retries, meter) =>
        {
            var settings = context.Config.Judge.Settings.Get<LlmJudgeConfig>();
            return new HleJudge(lexical, client, retries, settings.StructuredOutput, settings.Model, meter);
        }), UsesLlm: true)
    {
        Settings = LlmJudgeConfig.Settings,
        Endpoints = LlmFactory.JudgeEndpoints,
    };

    /// <summary>Vectors from an OpenAI-compatible <c>/v1/embeddings</c> endpoint through the chat client's layers.</summary>
    public static readonly Plugin<ITextEncoder> Encoder = new("openai", "an OpenAI-compatible /v1/embeddings endpoint (cached in the cache file)",
        context => LlmFactory.Encoder(context.Config.Memory.EncoderSettings.Get<OpenAiEncoderSettings>(), context.Service<LlmRuntime>()))
    {
        Settings = PluginSettings.In("openai", OpenAiEncoderSettings.Bind),
        Endpoints = config => [new("embeddings", config.Memory.EncoderSettings.Get<OpenAiEncoderSettings>().Endpoint, Embeddings: true)],
    };

    /// <summary>EM and F1 (and the exact-match shortcut) come from the dataset's own scorer.</summary>
    private static IJudge Lexical(PluginContext context) =>
        context.Config.Dataset.Kind == DatasetReaders.Gaia.Name ? new GaiaJudge() : new DeepResearcherJudge();
}
