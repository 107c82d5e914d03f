using System.Text;
using System.Text.Json;
using Memento.Core.Loop;

namespace Memento.Core.Results;

/// <summary>
/// <c>trajectories.jsonl</c>: the append-only log of what each episode's agent and judge produced, one JSON line per
/// episode, flushed as soon as the episode ends. It is what a resumed run replays instead of asking the agent again,
/// and what <c>agent.kind: replay</c> re-scores. A line cut short by a kill is dropped on reading.
/// </summary>
public sealed class TrajectoryLog : IEpisodeSink, IDisposable
{
    private readonly FileStream _stream;
    private readonly string _path;
    private readonly IReadOnlyList<TrajectoryLine> _alreadyLogged;
    private int _seen;

    /// <param name="path">The log file; appended to when it exists.</param>
    /// <param name="alreadyLogged">Episodes already in the file: a resumed run replays them first, and each must be
    /// the episode the replay reaches at that position (else the folder belongs to another config).</param>
    public TrajectoryLog(string path, IReadOnlyList<TrajectoryLine>? alreadyLogged = null)
    {
        _path = path;
        _stream = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read);
        _alreadyLogged = alreadyLogged ?? [];
    }

    public void Record(Episode episode)
    {
        if (_seen < _alreadyLogged.Count)
        {
            var logged = _alreadyLogged[_seen++];
            if ((logged.Episode, logged.Iteration, logged.Attempt, logged.TaskId) != (episode.Number, episode.Iteration, episode.Attempt, episode.Task.Id))
                throw MementoException.AtLine(_path, _seen, $"logged episode {logged.Episode} (iteration {logged.Iteration}, task {logged.TaskId}) is not the episode this config replays there (iteration {episode.Iteration}, task {episode.Task.Id}); the folder was made by another config");
            return;
        }
        _seen++;
        var line = Secrets.Redact(TrajectoryLine.Of(episode).Serialize()) + "\n";
        _stream.Write(Encoding.UTF8.GetBytes(line));
        _stream.Flush();
    }

    public void Dispose() => _stream.Dispose();

    /// <summary>Reads the complete lines of a log and cuts off a trailing partial line (from a kill mid-write),
    /// so appending continues on a clean line boundary.</summary>
    public static IReadOnlyList<TrajectoryLine> ReadAndRepair(string path)
    {
        if (!File.Exists(path)) return [];
        var bytes = File.ReadAllBytes(path);
        var end = Array.LastIndexOf(bytes, (byte)'\n') + 1;
        if (end < bytes.Length)
            using (var stream = new FileStream(path, FileMode.Open, FileAccess.Write)) stream.SetLength(end);
        return Parse(path, bytes, end);
    }

    /// <summary>Reads the complete lines of a log without touching the file (reports read finished or running folders).</summary>
    public static IReadOnlyList<TrajectoryLine> Read(string path)
    {
        if (!File.Exists(path)) return [];
        var bytes = File.ReadAllBytes(path);
        return Parse(path, bytes, Array.LastIndexOf(bytes, (byte)'\n') + 1);
    }

    private static List<TrajectoryLine> Parse(string path, byte[] bytes, int end)
    {
        var episodes = new List<TrajectoryLine>();
        var lineNumber = 0;
        foreach (var line in Encoding.UTF8.GetString(bytes, 0, end).Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            lineNumber++;
            try
            {
                episodes.Add(TrajectoryLine.Parse(line));
            }
            catch (JsonException e)
            {
                throw MementoException.AtLine(path, lineNumber, "invalid trajectory line: " + e.Message);
            }
        }
        return episodes;
    }
}
