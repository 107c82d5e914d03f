using System.Diagnostics;
using System.Text.Json;
using NUnit.Framework;

namespace Memento.Tests.Reports;

/// <summary>Debian's <c>chromium</c> run headless on a file from disk, with every network request sent to a proxy
/// address nobody listens on, and its net log kept so a test can list the requests the page itself made (the
/// browser's own background requests carry no page origin and are left out).</summary>
internal static class HeadlessChromium
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(2);

    public static string Executable()
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries))
        {
            var path = Path.Combine(dir, "chromium");
            if (File.Exists(path)) return path;
        }
        Assert.Fail("chromium is not installed: the HTML report is checked in a real browser; install Debian's chromium " +
                    "(apt-get install -y chromium — .ci/run does this)");
        return "";
    }

    /// <summary>The DOM after the page's scripts ran, and the URLs the page requested (should be none).</summary>
    public static async Task<(string Dom, IReadOnlyList<string> PageRequests)> DumpDomAsync(string file, string fragment = "")
    {
        var netLog = Path.Combine(TestPaths.TempDir(), "netlog.json");
        var dom = await RunAsync(["--virtual-time-budget=10000", $"--log-net-log={netLog}", "--dump-dom", Url(file, fragment)]);
        return (dom, PageRequests(netLog));
    }

    public static async Task ScreenshotAsync(string file, string fragment, string png, int width, int height)
    {
        await RunAsync(["--virtual-time-budget=10000", "--hide-scrollbars", $"--window-size={width},{height}", $"--screenshot={png}", Url(file, fragment)]);
        Assert.That(File.Exists(png), Is.True, $"chromium wrote no screenshot {png}");
    }

    private static string Url(string file, string fragment) =>
        new Uri(Path.GetFullPath(file)).AbsoluteUri + (fragment.Length > 0 ? "#" + fragment : "");

    private static async Task<string> RunAsync(IEnumerable<string> args)
    {
        var start = new ProcessStartInfo(Executable())
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        foreach (var a in new[]
                 {
                     "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                     "--no-first-run", $"--user-data-dir={TestPaths.TempDir()}", "--proxy-server=http://127.0.0.1:9",
                 }.Concat(args))
            start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(Limit);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"chromium did not finish within {Limit}");
        }
        Assert.That(process.ExitCode, Is.Zero, await stderr);
        return await stdout;
    }

    /// <summary>URLs of the requests a page started: in the net log, URL_REQUEST_START_JOB events whose initiator is
    /// an origin (a file page's is "null"); requests of the browser itself say "not an origin".</summary>
    public static IReadOnlyList<string> PageRequests(string netLog)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(netLog));
        var start = doc.RootElement.GetProperty("constants").GetProperty("logEventTypes").GetProperty("URL_REQUEST_START_JOB").GetInt32();
        return doc.RootElement.GetProperty("events").EnumerateArray()
            .Where(e => e.GetProperty("type").GetInt32() == start && e.TryGetProperty("params", out var p) && p.TryGetProperty("url", out _))
            .Select(e => e.GetProperty("params"))
            .Where(p => !p.TryGetProperty("initiator", out var i) || i.GetString() != "not an origin")
            .Select(p => p.GetProperty("url").GetString()!)
            .ToList();
    }
}
