namespace Memento.Learning;

/// <summary>A trainable Q(s, c) over some representation <typeparamref name="T"/> of task and case texts (hashed
/// feature bags, or frozen encoder vectors): what the online policy and <c>train-retriever</c> need of a network.</summary>
public interface IPairModel<T> : IDisposable
{
    /// <summary>Optimiser steps so far: the version of θ.</summary>
    long Steps { get; }

    /// <summary>Q of one task against many cases, without a graph, in one batched call.</summary>
    float[] Score(T task, IReadOnlyList<T> cases, float[] similarity, float[] outcomes);

    /// <summary>Q of paired (task, case) rows.</summary>
    float[] ScorePairs(IReadOnlyList<T> tasks, IReadOnlyList<T> cases, float[] similarity, float[] outcomes);

    /// <summary>One BCE step on a minibatch; returns the mean loss. A non-finite loss or gradient throws
    /// <see cref="Memento.Core.TrainingDivergedException"/> before the step, leaving the network as it was.</summary>
    double Step(IReadOnlyList<T> tasks, IReadOnlyList<T> cases, float[] similarity, float[] labels, double positiveWeight, float[] outcomes);

    /// <summary>Writes the network as a checkpoint usable as <c>memory.qnet.init</c>.</summary>
    void Save(string path);
}
