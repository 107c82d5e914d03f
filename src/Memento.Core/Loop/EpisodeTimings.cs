namespace Memento.Core.Loop;

/// <summary>Wall-clock milliseconds of an episode's Read and Act steps: the only figures that differ between two runs of one seed.</summary>
public sealed record EpisodeTimings(double ReadMs, double ActMs);
