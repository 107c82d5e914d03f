using CsvHelper;
using Memento.Core.Loop;

namespace Memento.Core.Results;

/// <summary><c>episodes.csv</c>, appended and flushed once per episode so a killed run keeps every finished episode.</summary>
public sealed class EpisodeLog : IEpisodeSink, IDisposable
{
    private readonly StreamWriter _writer;
    private readonly CsvWriter _csv;
    private bool _headerWritten;

    public EpisodeLog(string path)
    {
        _writer = new StreamWriter(path);
        _csv = CsvWriter.Create(_writer);
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
        _writer.Flush();
        Episodes.Add(episode);
    }

    public void Dispose()
    {
        _csv.Dispose();
        _writer.Dispose();
    }
}
