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
    public AddressPolicy Policy => new(AllowPrivate, AllowAddresses?.Select(IPAddress.Parse).ToList());
}
