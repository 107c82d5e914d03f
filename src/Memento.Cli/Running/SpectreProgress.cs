using Memento.Core.Loop;
using Spectre.Console;

namespace Memento.Cli.Running;

/// <summary>A live Spectre.Console progress bar per run, with the current iteration's accuracy in its label.</summary>
internal sealed class SpectreProgress(ProgressContext context) : IProgressDisplay
{
    public static async Task RunAsync(Func<IProgressDisplay, Task> work) =>
        await AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .StartAsync(ctx => work(new SpectreProgress(ctx)));

    public IProgressTracker Track(string name, int totalEpisodes) =>
        new Tracker(context.AddTask(Markup.Escape(name), maxValue: totalEpisodes), name);

    public Action<int, int> Steps(string name)
    {
        ProgressTask? task = null;
        return (done, total) =>
        {
            task ??= context.AddTask(Markup.Escape(name), maxValue: total);
            task.Value = done;
            if (done >= total) task.StopTask();
        };
    }

    private sealed class Tracker(ProgressTask task, string name) : IProgressTracker
    {
        private readonly RunningAccuracy _accuracy = new();

        public void Record(Episode episode)
        {
            _accuracy.Add(episode);
            task.Increment(1);
            task.Description = Markup.Escape(task.Value >= task.MaxValue
                ? $"{name} · {_accuracy.Finished()}"
                : $"{name} · it {episode.Iteration} · acc {_accuracy.Describe()}");
        }

        /// <summary>Shown in the bar's label until the next episode ends.</summary>
        public void Note(string line) => task.Description = Markup.Escape($"{name} · {line}");

        public void Dispose() => task.StopTask();
    }
}
