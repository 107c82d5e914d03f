using System.Text.Json.Serialization;

namespace Memento.Core.Loop;

/// <summary>Why an episode could not be scored: the agent's or the judge's requests failed after their retries, or the
/// judge's reply did not follow its format. <see cref="Kind"/> is one of <see cref="EpisodeErrorKinds"/>;
/// <see cref="Message"/> is already redacted (<see cref="Secrets"/>). The JSON names are those of <c>trajectories.jsonl</c>.</summary>
public sealed record EpisodeError(
    [property: JsonPropertyName("kind")] string Kind,
    [property: JsonPropertyName("message")] string Message);
