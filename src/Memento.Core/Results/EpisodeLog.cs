using CsvHelper;
using Memento.Core.Loop;

namespace Memento.Core.Results;

/// <summary><c>episodes.csv</c>, appended and flushed once per episode so a killed run keeps every finished episode.
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

    public List<EpisodeRecord> Episodes { get; } = new();

    public void Record(EpisodeRecord episode)
    {
        if (!_headerWritten)
        {
            _csv.WriteHeader<EpisodeRecord>();
            _headerWritten = true;
        }
        _csv.WriteRecord(episode);
        _csv.Flush();
        _file.Write(Secrets.Redact(_row.ToString()));
        _row.GetStringBuilder().Clear();
        _file.Flush();
        Episodes.Add(episode);
    }

    public void Dispose()
    {
        _csv.Dispose();
        _file.Dispose();
    }
}
