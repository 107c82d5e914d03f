namespace Memento.Tools.Http;

/// <summary>The network limits of one tool: a timeout per attempt, retries of transient failures with exponential
/// backoff from <see cref="RetryDelayS"/>, and a per-run cap on request starts per minute (0: none).</summary>
internal sealed record HttpSettings(double TimeoutS = 20, int MaxRetries = 2, double RetryDelayS = 1, double RequestsPerMinute = 60)
{
    public TimeSpan Timeout => TimeSpan.FromSeconds(TimeoutS);
}
