using Memento.Core;
using Memento.Core.Plugins;
using Memento.Llm;
using Memento.Tools.Text;
using Microsoft.Extensions.AI;

namespace Memento.Tools.Builtin;

/// <summary>
/// What the tool factories get from the run besides their own settings: the <see cref="TextRanker"/> web_search and
/// fetch_page order texts with (the run's <c>memory.encoder</c> when it is a neural one, else TF-IDF fitted on the
/// candidates), and the run's LLM runtime and agent endpoint, from which read_file's image and audio models are built
/// through the project's chat pipeline (retries, response cache, redaction) — inheriting the agent's base_url and key
/// variable where they leave them unset, as the judge does.
/// </summary>
public sealed record ToolServices(TextRanker Ranker, LlmRuntime? Runtime = null, LlmEndpoint? Agent = null)
{
    /// <summary>TF-IDF ranking and no models: what tests and a bare <c>tools serve</c> get.</summary>
    public static readonly ToolServices Default = new(TextRanker.TfIdf);

    /// <summary>The chat client of <paramref name="model"/>'s endpoint, or null when it names no model.</summary>
    public IChatClient? ChatClient(LlmEndpoint? model) => model is null
        ? null
        : ChatPipeline.Build(model, Runtime ?? throw new MementoException($"model '{model.Model}' of read_file needs the run's LLM runtime, which this command does not have"), box: "read_file");
}
