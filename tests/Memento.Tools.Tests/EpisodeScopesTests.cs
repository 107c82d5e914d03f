using Memento.Core.Agents;
using Memento.Core.Tasks;
using Memento.Tools.Adapters;
using NUnit.Framework;

namespace Memento.Tools.Tests;

/// <summary>A run stopped mid-episode never reports the episode's end: disposing the scopes (as the run's disposal
/// does, however it ends) removes the open folders under <c>delete</c> and keeps them otherwise.</summary>
public class EpisodeScopesTests
{
    private static AgentRequest Episode(string task) => new(new QaTask(task, "?", ["a"], "s"), [], 1, new Random(1));

    [TestCase("delete", false)]
    [TestCase("delete_on_success", true)]
    [TestCase("keep", true)]
    public void Folders_of_episodes_that_never_ended_follow_the_cleanup_setting(string cleanup, bool kept)
    {
        using var temp = new TempFolder();
        var root = Path.Join(temp.Path, "workspaces");
        var scopes = new EpisodeScopes(root, cleanup);
        var scope = scopes.For(Episode("q/7"));
        File.WriteAllText(Path.Join(scope.Workspace, "out.txt"), "x");
        Assert.That(scope.Workspace, Is.EqualTo(Path.Join(root, "q_7-i1-a1", "workspace")));

        scopes.Dispose();
        Assert.That(Directory.Exists(scope.Workspace), Is.EqualTo(kept));
        Assert.That(Directory.Exists(root), Is.EqualTo(kept), "an emptied root goes too");
    }
}
