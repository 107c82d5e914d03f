using Memento.Core.Results;

namespace Memento.Learning;

/// <summary>
/// Per-episode loss and a rolling held-out AUC for an online learner. "Held out" without a held-out set: each new
/// (s, c, r) pair is scored by the current network when it arrives, before any step has trained on it, and the last
/// <c>window</c> (prediction, reward) pairs give the AUC — a prequential estimate of how well Q ranks pairs it
/// has not seen.
/// </summary>
public sealed class TrainingHistory(int window = 200)
{
    private readonly List<TrainingPoint> _points = new();
    private readonly Queue<(double Prediction, bool Label)> _window = new();

    public IReadOnlyList<TrainingPoint> Points => _points;

    /// <summary>Adds a prediction made before training on its pair.</summary>
    public void Observe(double prediction, int reward)
    {
        _window.Enqueue((prediction, reward == 1));
        if (_window.Count > window) _window.Dequeue();
    }

    public TrainingPoint Record(int episode, double? loss)
    {
        var auc = Metrics.RocAuc(_window.Select(w => w.Prediction).ToList(), _window.Select(w => w.Label).ToList());
        var point = new TrainingPoint(episode, loss, double.IsNaN(auc) ? null : auc);
        _points.Add(point);
        return point;
    }

    public void WriteCsv(string path) =>
        CsvFiles.Write(path, _points.Select(p => new TrainingHistoryRow { Episode = p.Episode, Loss = p.Loss, Auc = p.Auc }));
}
