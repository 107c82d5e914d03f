namespace Memento.Llm;

/// <summary>How a chat client retries a failed request: up to <see cref="MaxRetries"/> times, the first after
/// <see cref="BaseDelay"/>, doubling.</summary>
internal sealed record RetrySettings(int MaxRetries, TimeSpan BaseDelay);
