using System.Diagnostics;
using Memento.Core.Memory;

namespace Memento.Cli.Bench;

/// <summary>Measures the time a policy spends in <see cref="IReadPolicy.Update"/> (the learning step per episode).</summary>
internal sealed class TimedPolicy(IReadPolicy inner) : IReadPolicy
{
    public IReadPolicy Inner => inner;

    /// <summary>Whether the wrapped policy learns (its update time is a figure).</summary>
    public bool Learns => inner is ILearnedState;

    public TimeSpan UpdateTime { get; private set; }
    public int Updates { get; private set; }

    public IReadOnlyList<Case> Read(ReadRequest request) => inner.Read(request);

    public void Update(EpisodeFeedback feedback)
    {
        var clock = Stopwatch.StartNew();
        inner.Update(feedback);
        UpdateTime += clock.Elapsed;
        Updates++;
    }
}
