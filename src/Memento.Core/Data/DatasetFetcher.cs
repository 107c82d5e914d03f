using System.Security.Cryptography;

namespace Memento.Core.Data;

/// <summary>Downloads a registry entry and verifies its SHA-256. The bytes go to a temporary file beside the target,
/// which is renamed only after the hash matches, so a partial or corrupted download never appears under the final name.</summary>
public static class DatasetFetcher
{
    public sealed record Result(string Path, long Bytes, bool AlreadyPresent);

    /// <param name="mirror">When set, download from <c>mirror/RelativePath</c> instead of the upstream URL (for offline mirrors
    /// and tests).</param>
    public static async Task<Result> FetchAsync(DatasetEntry entry, string toDirectory, HttpClient http, string? mirror = null,
        CancellationToken cancellationToken = default)
    {
        var target = Path.GetFullPath(Path.Combine(toDirectory, entry.RelativePath));
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        if (File.Exists(target) && await Sha256Async(target, cancellationToken) == entry.Sha256)
            return new Result(target, new FileInfo(target).Length, true);

        var url = mirror is null ? entry.Url : mirror.TrimEnd('/') + "/" + entry.RelativePath;
        var temp = target + $".part-{Guid.NewGuid():N}";
        try
        {
            using (var response = await Send(http, url, cancellationToken))
            {
                try
                {
                    await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
                    await using var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true);
                    await body.CopyToAsync(file, cancellationToken);
                }
                catch (Exception e) when (e is IOException or HttpRequestException)
                {
                    throw new MementoException($"datasets: download of {url} failed: {e.Message}", e);
                }
            }
            var actual = await Sha256Async(temp, cancellationToken);
            if (actual != entry.Sha256)
                throw new MementoException($"datasets: {entry.Name} from {url} failed its SHA-256 check (expected {entry.Sha256}, got {actual}); nothing was written");
            File.Move(temp, target, overwrite: true);
            return new Result(target, new FileInfo(target).Length, false);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }

    public static async Task<string> Sha256Async(string path, CancellationToken cancellationToken = default)
    {
        await using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken));
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
