namespace Memento.Core.Loop;

/// <summary>The kinds of <see cref="EpisodeError"/>. Some fail every request alike (a refused key, an unknown model, a
/// server that cannot be reached): a run stops at the first of those instead of failing episode after episode.</summary>
public static class EpisodeErrorKinds
{
    public const string Auth = "auth";
    public const string BadRequest = "bad_request";
    public const string ContextLength = "context_length";
    public const string NotFound = "not_found";
    public const string RateLimit = "rate_limit";
    public const string Server = "server";
    public const string Timeout = "timeout";
    public const string Unreachable = "unreachable";
    /// <summary>The judge answered but not in the format it was asked for (the reply is kept in the message).</summary>
    public const string Judge = "judge";
    public const string Other = "other";

    public static bool RepeatsForEveryRequest(string kind) => kind is Auth or NotFound or Unreachable;
}
