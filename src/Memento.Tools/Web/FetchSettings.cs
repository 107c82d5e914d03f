using System.Net;
using Memento.Tools.Http;

namespace Memento.Tools.Web;

/// <summary>Limits of <c>fetch_page</c>: bodies are read up to <see cref="MaxBytes"/> and cut there; at most
/// <see cref="MaxRedirects"/> redirects, each re-checked; the page text given to the model is at most
/// <see cref="MaxTokens"/> tokens, taken from the start or, with a query, as the most relevant passages of
/// <see cref="ChunkTokens"/> tokens. <see cref="AllowPrivate"/> lets loopback, private and link-local addresses
/// through (local test servers, an intranet), <see cref="AllowAddresses"/> single addresses; both are off by default.</summary>
internal sealed record FetchSettings(
    bool AllowPrivate = false, int MaxBytes = 5_000_000, int MaxRedirects = 5, int MaxTokens = 3000, int ChunkTokens = 200,
    IReadOnlyList<string>? AllowAddresses = null)
{
    /// <summary>Characters of page text kept before tokens are counted and passages chosen (~250,000 tokens).</summary>
    public int MaxTextChars { get; init; } = 1_000_000;

    /// <summary>Deepest element nesting of an HTML page read; deeper pages are refused before they are parsed.</summary>
    public int MaxDepth { get; init; } = 256;

    /// <summary>Bytes a PDF's flate streams may inflate to, all together.</summary>
    public long MaxInflatedBytes { get; init; } = 256L << 20;

    public AddressPolicy Policy => new(AllowPrivate, AllowAddresses?.Select(IPAddress.Parse).ToList());
}
