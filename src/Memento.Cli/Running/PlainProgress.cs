using Memento.Core.Loop;

namespace Memento.Cli.Running;

/// <summary>Progress as plain lines (output redirected, CI, tests): a line per quarter of the run and per finished iteration (the last one
/// included), each starting with the run's name — a sweep's point: <c>[point 3/9 · policy=qnet seed=2]</c>.</summary>
internal sealed class PlainProgress(TextWriter output) : IProgressDisplay
{
    public IProgressTracker Track(string name, int totalEpisodes) => new Tracker(output, name, totalEpisodes);

    /// <summary>A line per quarter of the work.</summary>
    public Action<int, int> Steps(string name)
    {
        var quarter = 0;
        return (done, total) =>
        {
            if (done * 4 / Math.Max(1, total) <= quarter && done != total) return;
            quarter = done * 4 / Math.Max(1, total);
            output.WriteLine($"[{name}] {done}/{total}");
        };
    }

    private sealed class Tracker(TextWriter output, string name, int total) : IProgressTracker
    {
        private readonly RunningAccuracy _accuracy = new();
        private int _done;

        public void Record(Episode episode)
        {
            if (_accuracy.Add(episode) is { } finished) output.WriteLine($"[{name}] {finished}");
            _done++;
            if (_done % Math.Max(1, total / 4) == 0 || _done == total)
                output.WriteLine($"[{name}] {_done}/{total} episodes; iteration {episode.Iteration} so far: {_accuracy.Describe()}");
            if (_done == total) output.WriteLine($"[{name}] {_accuracy.Finished()}");
        }

        public void Note(string line) => output.WriteLine($"[{name}] {line}");

        public void Dispose() { }
    }
}
