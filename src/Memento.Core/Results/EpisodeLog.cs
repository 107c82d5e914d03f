using CsvHelper;
using Memento.Core.Loop;

namespace Memento.Core.Results;

/// <summary><c>episodes.csv</c>, one <see cref="EpisodeRecord"/> per episode, appended and flushed once per episode so a killed run keeps every finished episode.
/// Each row is formatted in memory and passed through <see cref="Secrets.Redact"/> before it reaches the file.</summary>
public sealed class EpisodeLog : IEpisodeSink, IDisposable
{
    private readonly StreamWriter _file;
    private readonly StringWriter _row = new();
    private readonly CsvWriter _csv;
    private bool _headerWritten;

    public EpisodeLog(string path)
    {
        _file = new StreamWriter(path);
        _csv = CsvWriter.Create(_row);
    }

    /// <summary>The rows written so far, in order.</summary>
    public List<EpisodeRecord> Rows { get; } = new();

    public void Record(Episode episode)
    {
        var row = EpisodeRecord.From(episode);
        if (!_headerWritten)
        {
            _csv.WriteHeader<EpisodeRecord>();
            _headerWritten = true;
        }
        _csv.WriteRecord(row);
        _csv.Flush();
        _file.Write(Secrets.Redact(_row.ToString()));
        _row.GetStringBuilder().Clear();
        _file.Flush();
        Rows.Add(row);
    }

    public void Dispose()
    {
        _csv.Dispose();
        _file.Dispose();
    }
}
