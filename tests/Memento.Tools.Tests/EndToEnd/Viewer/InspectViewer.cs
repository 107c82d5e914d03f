using System.Net;
using NUnit.Framework;

namespace Memento.Tools.Tests.EndToEnd.Viewer;

/// <summary>inspect's log viewer as a static site: the pinned npm packages installed into <c>build/inspect-viewer</c> on
/// first use, <c>viewer.jsx</c> (beside this file) bundled there with esbuild, and a loopback web server serving the
/// page with a log folder under <c>logs/</c> — honouring <c>Range</c>, since the viewer reads <c>.eval</c> files (zips)
/// by byte ranges.</summary>
public sealed class InspectViewer : IDisposable
{
    private static readonly string[] Packages =
        ["@metrevals/inspect-log-viewer@0.3.180-beta2", "react@19.2.1", "react-dom@19.2.1", "esbuild@0.25.12"];
    private static readonly Lock BundleGate = new();

    private readonly LoopbackWeb _web = new();
    private readonly string _dist;
    private readonly string _logs;

    public InspectViewer(string logDir)
    {
        _dist = Bundle();
        _logs = logDir;
        _web.Route("/", c => LoopbackWeb.Reply(c, 200, "text/html", Page));
        _web.Route("/index.html", c => LoopbackWeb.Reply(c, 200, "text/html", Page));
        foreach (var file in Directory.EnumerateFiles(_dist))
            _web.Route("/" + Path.GetFileName(file), c => ServeFile(c, file));
        // The viewer escapes the names ('+' of the time zone as %2B); the listing holds them as written.
        foreach (var file in Directory.EnumerateFiles(logDir))
            foreach (var name in new[] { Path.GetFileName(file), Uri.EscapeDataString(Path.GetFileName(file)) }.Distinct())
                _web.Route("/logs/" + name, c => ServeFile(c, file));
    }

    public string Url => _web.BaseUrl;

    /// <summary>How many requests for the log file asked for a byte range (the viewer reads <c>.eval</c> files so).</summary>
    public int RangeRequests { get; private set; }

    private const string Page = """
        <!doctype html>
        <html><head><meta charset="utf-8"><title>inspect log viewer</title><link rel="stylesheet" href="viewer.css"></head>
        <body><div id="app"></div><script src="viewer.js"></script></body></html>
        """;

    private async Task ServeFile(HttpListenerContext context, string path)
    {
        var bytes = await File.ReadAllBytesAsync(path);
        var type = Path.GetExtension(path) switch
        {
            ".js" => "text/javascript", ".css" => "text/css", ".json" => "application/json", _ => "application/octet-stream",
        };
        context.Response.Headers["Accept-Ranges"] = "bytes";
        if (context.Request.Headers["Range"] is { } range && range.StartsWith("bytes=", StringComparison.Ordinal))
        {
            lock (this) RangeRequests++;
            var parts = range[6..].Split('-');
            long start, end;
            if (parts[0].Length == 0) (start, end) = (bytes.Length - long.Parse(parts[1]), bytes.Length - 1);
            else (start, end) = (long.Parse(parts[0]), parts[1].Length == 0 ? bytes.Length - 1 : Math.Min(long.Parse(parts[1]), bytes.Length - 1));
            context.Response.Headers["Content-Range"] = $"bytes {start}-{end}/{bytes.Length}";
            await LoopbackWeb.Reply(context, 206, type, bytes[(int)start..(int)(end + 1)]);
            return;
        }
        if (context.Request.HttpMethod == "HEAD")
        {
            context.Response.ContentLength64 = bytes.Length;
            context.Response.ContentType = type;
            context.Response.Close();
            return;
        }
        await LoopbackWeb.Reply(context, 200, type, bytes);
    }

    /// <summary>The bundled viewer (<c>viewer.js</c>, <c>viewer.css</c>) in <c>build/inspect-viewer/dist</c>, installed and
    /// built on first use; fails the test, saying what to run, when npm or node cannot.</summary>
    public static string Bundle()
    {
        var folder = Path.Combine(Programs.RepoRoot, "build", "inspect-viewer");
        var dist = Path.Combine(folder, "dist");
        lock (BundleGate)
        {
            var esbuild = Path.Combine(folder, "node_modules", ".bin", "esbuild");
            if (!File.Exists(esbuild))
            {
                Directory.CreateDirectory(folder);
                var (exit, _, err) = Programs.RunAsync("npm", ["install", "--prefix", folder, "--no-audit", "--no-fund", "--silent", .. Packages],
                    TimeSpan.FromMinutes(10)).GetAwaiter().GetResult();
                if (exit != 0 || !File.Exists(esbuild))
                    Assert.Fail($"npm could not install the viewer into {folder} (exit {exit}): {err.Trim()}; run `npm install --prefix build/inspect-viewer {string.Join(' ', Packages)}`");
            }
            var entry = Path.Combine(folder, "viewer.jsx");
            var source = Path.Combine(AppContext.BaseDirectory, "EndToEnd", "Viewer", "viewer.jsx");
            var script = Path.Combine(dist, "viewer.js");
            if (!File.Exists(script) || File.ReadAllText(source) != (File.Exists(entry) ? File.ReadAllText(entry) : ""))
            {
                File.Copy(source, entry, overwrite: true);
                var (exit, _, err) = Programs.RunAsync(esbuild, [entry, "--bundle", "--minify", "--jsx=automatic", $"--outdir={dist}", "--log-level=error",
                    "--loader:.woff=file", "--loader:.woff2=file", "--loader:.ttf=file", "--loader:.svg=file", "--loader:.png=file"],
                    TimeSpan.FromMinutes(5), folder).GetAwaiter().GetResult();
                if (exit != 0) Assert.Fail($"esbuild could not bundle the viewer: {err.Trim()}");
            }
        }
        return dist;
    }

    public void Dispose() => _web.Dispose();
}
