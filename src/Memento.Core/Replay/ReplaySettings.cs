using Memento.Core.Config;

namespace Memento.Core.Replay;

/// <summary><c>agent.replay_path</c>: the recorded answers <c>agent.kind: replay</c> re-scores.</summary>
internal sealed record ReplaySettings(string? Path)
{
    public static ReplaySettings Bind(ConfigNode a) =>
        new(a.OptionalString("replay_path", "trajectories.jsonl or Memento result JSONL whose answers are re-scored (kind replay)"));

    public static void Require(object settings)
    {
        if (((ReplaySettings)settings).Path is null)
            throw MementoException.BadValue("agent.replay_path", "", "a trajectories.jsonl or Memento result JSONL file for agent.kind 'replay'");
    }
}
