using Memento.Core.Agents;
using Memento.Core.Plugins;

namespace Memento.Core.Replay;

/// <summary><c>agent.kind: replay</c> — answers with the answers recorded in <c>agent.replay_path</c> (our
/// trajectories or a Memento result file), so a recorded run can be re-scored by another judge or reward rule, or its
/// answers replayed under another memory policy, without any LLM. A task with no recorded answer is an error.</summary>
public sealed class ReplayAgent(ReplayFile recorded) : IAgent
{
    public static readonly Plugin<IAgent> Plugin = new("replay", "re-scores recorded answers (replay_path) without calling a model",
        context => new ReplayAgent(ReplayFile.Read(context.Config.Agent.Settings.Get<ReplaySettings>().Path!)))
    {
        Settings = PluginSettings.Beside(ReplaySettings.Bind) with { WhenSelected = ReplaySettings.Require },
    };


    public Task<AgentResult> ActAsync(AgentRequest request, CancellationToken cancellationToken) =>
        recorded.Find(request.Iteration, request.Attempt, request.Task.Id, request.Task.Question) is { } a
            ? Task.FromResult(a)
            : throw new MementoException(
                $"{recorded.Path}: no recorded answer for task {request.Task.Id} (iteration {request.Iteration}, attempt {request.Attempt}): \"{Shorten(request.Task.Question)}\"");

    private static string Shorten(string text) => text.Length > 80 ? text[..80] + "..." : text;
}
