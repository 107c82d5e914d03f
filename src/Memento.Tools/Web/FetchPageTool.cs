using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Memento.Tools.Files;
using Memento.Tools.Http;
using Memento.Tools.Text;

namespace Memento.Tools.Web;

/// <summary>
/// <c>fetch_page</c>: GET an http(s) URL and return its readable text (<see cref="PageText"/>) cut to the budget
/// (<see cref="Passages"/>). A URL is untrusted input from a model: only http and https; the host's addresses are
/// checked by <see cref="AddressPolicy"/> before each request and again at connect time (<see cref="GuardedHandler"/>);
/// redirects are followed one at a time, each checked the same way; bodies are streamed and cut at the size cap.
/// </summary>
internal sealed class FetchPageTool : Tool<FetchPageArgs>, IDisposable
{
    private readonly FetchSettings _settings;
    private readonly AddressPolicy _policy;
    private readonly ResilientHttp _http;
    private readonly TextRanker _ranker;
    private readonly double _timeoutS;

    public FetchPageTool(FetchSettings settings, HttpSettings http, TextRanker? ranker = null)
    {
        _settings = settings;
        _timeoutS = http.TimeoutS;
        _policy = settings.Policy;
        _http = new ResilientHttp(GuardedHandler.Create(_policy), http);
        _ranker = ranker ?? TextRanker.TfIdf;
    }

    public override string Name => "fetch_page";

    public override string Description =>
        "Reads a web page or PDF by URL and returns its main text as Markdown. Give a query to get the passages of a long page most relevant to it.";

    protected override async Task<ToolOutput> RunAsync(FetchPageArgs arguments, CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(arguments.Url, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
            return ToolOutput.Error($"fetch_page: only http and https URLs can be read, not '{arguments.Url}'");
        var clock = Stopwatch.StartNew();
        Fetched page;
        try
        {
            page = await _http.RunAsync((client, ct) => FollowAsync(client, url, ct), cancellationToken);
        }
        catch (Exception e) when (e is HttpRequestException or TimeoutException or RefusedAddressException or IOException)
        {
            return ToolOutput.Error($"fetch_page: {url}: {(e as HttpRequestException)?.InnerException?.Message ?? e.Message}");
        }
        catch (SocketException e)
        {
            return ToolOutput.Error($"fetch_page: {url}: the host '{url.IdnHost}' could not be resolved: {e.Message}");
        }
        var fields = new Dictionary<string, string>
        {
            ["url"] = page.Url.ToString(),
            ["status"] = ((int)page.Status).ToString(CultureInfo.InvariantCulture),
            ["bytes"] = page.Body.Length.ToString(CultureInfo.InvariantCulture),
            ["truncated"] = page.Truncated ? "true" : "false",
            ["content_type"] = page.MediaType ?? "",
            ["elapsed_ms"] = clock.ElapsedMilliseconds.ToString(CultureInfo.InvariantCulture),
        };
        var output = await CallBudget.RunAsync(Name, _timeoutS, $"extracting the text of {page.Url}",
            budget => Read(page, arguments.Query, fields, budget), cancellationToken);
        return output.Fields.Count > 0 ? output : output with { Fields = fields };
    }

    /// <summary>The page's text, bounded (<see cref="FetchSettings.MaxTextChars"/>) and then fitted to the token budget.</summary>
    private ToolOutput Read(Fetched page, string? query, Dictionary<string, string> fields, CancellationToken budget)
    {
        var text = new ExtractedText(_settings.MaxTextChars, _settings.MaxDepth, _settings.MaxInflatedBytes, budget);
        bool read;
        string kind;
        try
        {
            (read, kind) = PageText.Extract(page.Body, page.MediaType, page.Charset, page.Url, page.Truncated, text);
        }
        catch (FileRefusedException e)
        {
            return ToolOutput.Error($"fetch_page: {page.Url}: {e.Message}") with { Fields = fields };
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return ToolOutput.Error($"fetch_page: {page.Url}: the content could not be read: {e.Message}") with { Fields = fields };
        }
        if (!read) return ToolOutput.Error($"fetch_page: {page.Url}: {kind}") with { Fields = fields };
        fields["kind"] = kind;
        var fitted = Passages.Fit(text.ToString(), _settings.MaxTokens, _settings.ChunkTokens, query, _ranker);
        var note = page.Truncated ? $"\n\n[page cut at the size cap of {_settings.MaxBytes} bytes]"
            : text.StoppedEarly ? $"\n\n[page text cut at {_settings.MaxTextChars} characters before passages were chosen]" : "";
        return new ToolOutput($"URL: {page.Url}\n\n{fitted}{note}", fields);
    }

    /// <summary>One attempt: GET, following redirects by hand, each target's scheme and addresses checked first.</summary>
    private async Task<Fetched> FollowAsync(HttpClient client, Uri url, CancellationToken ct)
    {
        for (var hop = 0; ; hop++)
        {
            await GuardedHandler.AllowedAddressesAsync(_policy, url.IdnHost, ct);
            using var response = await client.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, ct);
            if ((int)response.StatusCode is >= 300 and < 400 && response.Headers.Location is { } location)
            {
                if (hop >= _settings.MaxRedirects) throw new HttpRequestException($"more than {_settings.MaxRedirects} redirects");
                url = new Uri(url, location);
                if (url.Scheme is not ("http" or "https")) throw new RefusedAddressException($"redirect to a non-http(s) URL: {url}");
                continue;
            }
            ResilientHttp.EnsureSuccess(response);
            var (body, truncated) = await ReadCappedAsync(response.Content, ct);
            var type = response.Content.Headers.ContentType;
            return new Fetched(url, response.StatusCode, body, truncated, type?.MediaType, type?.CharSet);
        }
    }

    /// <summary>Reads at most <see cref="FetchSettings.MaxBytes"/> and stops there, whatever the server sends.</summary>
    private async Task<(byte[] Body, bool Truncated)> ReadCappedAsync(HttpContent content, CancellationToken ct)
    {
        await using var stream = await content.ReadAsStreamAsync(ct);
        using var body = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while (body.Length <= _settings.MaxBytes && (read = await stream.ReadAsync(chunk, ct)) > 0)
            body.Write(chunk, 0, (int)Math.Min(read, _settings.MaxBytes + 1 - body.Length));
        var truncated = body.Length > _settings.MaxBytes;
        return (body.GetBuffer()[..(int)Math.Min(body.Length, _settings.MaxBytes)], truncated);
    }

    private sealed record Fetched(Uri Url, HttpStatusCode Status, byte[] Body, bool Truncated, string? MediaType, string? Charset);

    public void Dispose() => _http.Dispose();
}
