namespace Memento.Tools.Corpus;

/// <summary>How far an index build is: documents and bytes of the corpus read so far, and the time taken.</summary>
public sealed record CorpusProgress(long Documents, long Bytes, TimeSpan Elapsed)
{
    public double DocumentsPerSecond => Elapsed.TotalSeconds > 0 ? Documents / Elapsed.TotalSeconds : 0;

    public double MegabytesPerSecond => Elapsed.TotalSeconds > 0 ? Bytes / 1e6 / Elapsed.TotalSeconds : 0;
}
