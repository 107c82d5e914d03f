namespace Memento.Llm;

/// <summary>The answer of <see cref="SqliteResponseCache.Claim"/>: a stored response, or another client's request for
/// the key still under way, or (both null) the caller's turn to send it.</summary>
internal sealed record CacheClaim(string? Stored, Task? Sending);
