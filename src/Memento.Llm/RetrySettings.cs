namespace Memento.Llm;

/// <summary>How a chat client retries a failed request: up to <see cref="MaxRetries"/> times, the first after
/// <see cref="BaseDelay"/>, doubling.</summary>
public sealed record RetrySettings(int MaxRetries, TimeSpan BaseDelay);
