using System.Security.Cryptography;

namespace Memento.Core.Data;

/// <summary>Downloads a registry entry and verifies its SHA-256. The bytes go to a temporary file beside the target,
/// which is renamed only after the hash matches, so a partial or corrupted download never appears under the final name.</summary>
public static class DatasetFetcher
{
    public sealed record Result(string Path, long Bytes, bool AlreadyPresent);

    /// <summary>Environment variable naming a mirror to fetch from instead of the upstream URLs (same folder layout).</summary>
    public const string MirrorVariable = "MEMENTO_DATASETS_MIRROR";

    /// <summary>The mirror named by <see cref="MirrorVariable"/>, or null when it is unset or empty.</summary>
    public static string? MirrorFromEnvironment() =>
        Environment.GetEnvironmentVariable(MirrorVariable) is { Length: > 0 } mirror ? mirror : null;

    /// <summary>The HTTP client fetches use: a generous timeout for the largest file and a user agent upstream accepts.</summary>
    public static HttpClient CreateHttpClient(TimeSpan timeout)
    {
        var http = new HttpClient { Timeout = timeout };
        http.DefaultRequestHeaders.UserAgent.ParseAdd("memento-experiments");
        return http;
    }

    /// <param name="mirror">When set, read <c>mirror/RelativePath</c> instead of the upstream URL: an http(s) base URL,
    /// or a local folder (a path or a <c>file://</c> URL) — the natural mirror on an offline cluster.</param>
    public static async Task<Result> FetchAsync(DatasetEntry entry, string toDirectory, HttpClient http, string? mirror = null,
        CancellationToken cancellationToken = default)
    {
        var target = Path.GetFullPath(Path.Combine(toDirectory, entry.RelativePath));
        if (File.Exists(target) && await Sha256Async(target, cancellationToken) == entry.Sha256)
            return new Result(target, new FileInfo(target).Length, true);

        var source = mirror is null ? entry.Url
            : LocalFolder(mirror) is { } folder ? Path.Combine(folder, entry.RelativePath)
            : mirror.TrimEnd('/') + "/" + entry.RelativePath;
        var created = MissingFolders(Path.GetDirectoryName(target)!);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        var temp = target + $".part-{Guid.NewGuid():N}";
        var done = false;
        try
        {
            try
            {
                await using var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true);
                await CopyAsync(source, http, file, cancellationToken);
            }
            catch (Exception e) when (e is IOException or HttpRequestException or UnauthorizedAccessException)
            {
                throw new MementoException($"datasets: download of {source} failed: {e.Message}", e);
            }
            var actual = await Sha256Async(temp, cancellationToken);
            if (actual != entry.Sha256)
                throw new MementoException($"datasets: {entry.Name} from {source} failed its SHA-256 check (expected {entry.Sha256}, got {actual}); nothing was written");
            File.Move(temp, target, overwrite: true);
            done = true;
            return new Result(target, new FileInfo(target).Length, false);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
            if (!done) RemoveIfEmpty(created);
        }
    }

    public static async Task<string> Sha256Async(string path, CancellationToken cancellationToken = default)
    {
        await using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken));
    }

    /// <summary>The folder a mirror names, when it is local: a <c>file://</c> URL or a path (anything without a scheme).</summary>
    private static string? LocalFolder(string mirror) =>
        mirror.StartsWith("file://", StringComparison.OrdinalIgnoreCase) ? new Uri(mirror).LocalPath
        : mirror.Contains("://", StringComparison.Ordinal) ? null
        : Path.GetFullPath(mirror);

    private static async Task CopyAsync(string source, HttpClient http, Stream destination, CancellationToken cancellationToken)
    {
        if (!source.Contains("://", StringComparison.Ordinal))
        {
            if (!File.Exists(source)) throw new MementoException($"datasets: {source} not found in the mirror folder");
            await using var local = File.OpenRead(source);
            await local.CopyToAsync(destination, cancellationToken);
            return;
        }
        using var response = await Send(http, source, cancellationToken);
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        await body.CopyToAsync(destination, cancellationToken);
    }

    /// <summary>The folders, innermost first, that creating <paramref name="folder"/> would make.</summary>
    private static List<string> MissingFolders(string folder)
    {
        var missing = new List<string>();
        for (var dir = folder; !string.IsNullOrEmpty(dir) && !Directory.Exists(dir); dir = Path.GetDirectoryName(dir))
            missing.Add(dir);
        return missing;
    }

    /// <summary>A failed fetch leaves no folders behind that it made and left empty.</summary>
    private static void RemoveIfEmpty(IEnumerable<string> created)
    {
        foreach (var dir in created)
            if (Directory.Exists(dir) && !Directory.EnumerateFileSystemEntries(dir).Any()) Directory.Delete(dir);
    }

    private static async Task<HttpResponseMessage> Send(HttpClient http, string url, CancellationToken cancellationToken)
    {
        HttpResponseMessage response;
        try
        {
            response = await http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        }
        catch (HttpRequestException e)
        {
            throw new MementoException($"datasets: download of {url} failed: {e.Message}", e);
        }
        if (!response.IsSuccessStatusCode)
        {
            response.Dispose();
            throw new MementoException($"datasets: download of {url} failed: HTTP {(int)response.StatusCode} {response.ReasonPhrase}");
        }
        return response;
    }
}
