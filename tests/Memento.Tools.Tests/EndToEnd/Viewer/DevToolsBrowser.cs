using System.Diagnostics;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using NUnit.Framework;

namespace Memento.Tools.Tests.EndToEnd.Viewer;

/// <summary>Debian's headless Chromium driven over the DevTools protocol (a WebSocket to its one page): navigate, run
/// a script, wait until a condition holds on the page, take a screenshot. Real time throughout: the viewer loads through
/// workers and browser storage, which Chromium's virtual time does not wait for.</summary>
public sealed partial class DevToolsBrowser : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _profile;
    private readonly ClientWebSocket _socket = new();
    private readonly List<string> _console = [];
    private int _nextId;

    private DevToolsBrowser(Process process, string profile)
    {
        _process = process;
        _profile = profile;
    }

    /// <summary>The browser, or a failed test saying how to install it when Debian's <c>chromium</c> is missing.</summary>
    public static async Task<DevToolsBrowser> StartAsync()
    {
        var binary = new[] { "/usr/bin/chromium", "/usr/bin/chromium-browser" }.FirstOrDefault(File.Exists);
        if (binary is null) Assert.Fail("headless Chromium is not installed: run `apt-get install -y chromium` (Debian's package)");
        var profile = Directory.CreateTempSubdirectory("memento-chromium-").FullName;
        var start = new ProcessStartInfo(binary!) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var arg in (string[])["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                     "--remote-debugging-address=127.0.0.1", "--remote-debugging-port=0", $"--user-data-dir={profile}", "--window-size=1400,1000", "about:blank"])
            start.ArgumentList.Add(arg);
        var process = Process.Start(start)!;
        _ = process.StandardOutput.ReadToEndAsync();
        var browser = new DevToolsBrowser(process, profile);
        var port = await browser.DevToolsPortAsync();
        using var http = new HttpClient();
        var pages = JsonNode.Parse(await http.GetStringAsync($"http://127.0.0.1:{port}/json/list"))!.AsArray();
        var page = pages.First(p => p!["type"]!.GetValue<string>() == "page")!;
        await browser._socket.ConnectAsync(new Uri(page["webSocketDebuggerUrl"]!.GetValue<string>()), CancellationToken.None);
        await browser.SendAsync("Page.enable");
        await browser.SendAsync("Runtime.enable");
        return browser;
    }

    /// <summary>Chromium prints <c>DevTools listening on ws://127.0.0.1:PORT/...</c> on stderr once it listens.</summary>
    private async Task<int> DevToolsPortAsync()
    {
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (await _process.StandardError.ReadLineAsync(limit.Token) is { } line)
            if (DevToolsLine().Match(line) is { Success: true } m)
            {
                _ = _process.StandardError.ReadToEndAsync();
                return int.Parse(m.Groups[1].Value);
            }
        Assert.Fail("chromium ended before it opened its DevTools port");
        return 0;
    }

    public async Task NavigateAsync(string url)
    {
        await SendAsync("Page.navigate", new JsonObject { ["url"] = url });
    }

    /// <summary>The value of a script run in the page (awaited when it is a promise).</summary>
    public async Task<JsonNode?> EvaluateAsync(string expression)
    {
        var reply = await SendAsync("Runtime.evaluate", new JsonObject { ["expression"] = expression, ["returnByValue"] = true, ["awaitPromise"] = true });
        if (reply["exceptionDetails"] is { } error) throw new InvalidOperationException($"script failed: {error.ToJsonString()}");
        return reply["result"]?["value"];
    }

    /// <summary>Polls <paramref name="condition"/> (a script giving true or false) until it holds; fails the test with
    /// <paramref name="what"/> and the page's text when it does not within <paramref name="timeout"/>.</summary>
    public async Task WaitForAsync(string condition, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(90));
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                if ((await EvaluateAsync($"Boolean({condition})"))?.GetValue<bool>() == true) return;
            }
            catch (InvalidOperationException)
            {
                // The page is navigating (its context is gone): ask again.
            }
            await Task.Delay(250);
        }
        var text = (await EvaluateAsync("document.body ? document.body.innerText : ''"))?.GetValue<string>() ?? "";
        Assert.Fail($"the viewer never showed {what} (waited {timeout ?? TimeSpan.FromSeconds(90)}); the page said: {text[..Math.Min(text.Length, 1500)]}" +
                    $"\nits last console lines: {string.Join("\n", _console.TakeLast(10))}");
    }

    public Task<string> TextAsync() => EvaluateAsync("document.body.innerText").ContinueWith(t => t.Result?.GetValue<string>() ?? "");

    public async Task ScreenshotAsync(string path)
    {
        var reply = await SendAsync("Page.captureScreenshot", new JsonObject { ["format"] = "png" });
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllBytesAsync(path, Convert.FromBase64String(reply["data"]!.GetValue<string>()));
    }

    /// <summary>Sends one command and reads until its reply (events on the way are dropped).</summary>
    private async Task<JsonNode> SendAsync(string method, JsonObject? parameters = null)
    {
        var id = ++_nextId;
        var message = new JsonObject { ["id"] = id, ["method"] = method, ["params"] = parameters ?? new JsonObject() };
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await _socket.SendAsync(Encoding.UTF8.GetBytes(message.ToJsonString()), WebSocketMessageType.Text, true, limit.Token);
        var buffer = new byte[1 << 16];
        while (true)
        {
            using var received = new MemoryStream();
            WebSocketReceiveResult part;
            do
            {
                part = await _socket.ReceiveAsync(buffer, limit.Token);
                received.Write(buffer, 0, part.Count);
            } while (!part.EndOfMessage);
            var reply = JsonNode.Parse(received.ToArray())!;
            if (reply["method"]?.GetValue<string>() is "Runtime.consoleAPICalled" or "Runtime.exceptionThrown")
                _console.Add(reply["params"]!.ToJsonString()[..Math.Min(600, reply["params"]!.ToJsonString().Length)]);
            if (reply["id"]?.GetValue<int>() != id) continue;
            if (reply["error"] is { } error) throw new InvalidOperationException($"{method}: {error.ToJsonString()}");
            return reply["result"]!;
        }
    }

    public async ValueTask DisposeAsync()
    {
        try { await _socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "", CancellationToken.None); }
        catch (Exception e) when (e is WebSocketException or InvalidOperationException) { }
        _socket.Dispose();
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _process.Dispose();
        try { Directory.Delete(_profile, recursive: true); }
        catch (IOException) { }
    }

    [GeneratedRegex(@"DevTools listening on ws://[^:]+:(\d+)/")]
    private static partial Regex DevToolsLine();
}
