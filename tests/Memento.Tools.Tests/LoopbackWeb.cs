using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Memento.Tools.Tests;

/// <summary>A web server on 127.0.0.1 (HttpListener) answering each path with a handler the test gives: the fake search
/// APIs and the page fixtures. Counts requests per path; an unknown path is a 404.</summary>
public sealed class LoopbackWeb : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly ConcurrentDictionary<string, Func<HttpListenerContext, Task>> _routes = new();
    private readonly ConcurrentDictionary<string, int> _hits = new();

    public LoopbackWeb()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        Port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        _listener.Start();
        _ = Task.Run(AcceptLoop);
    }

    public int Port { get; }

    public string BaseUrl => $"http://127.0.0.1:{Port}/";

    public int Hits(string path) => _hits.GetValueOrDefault(path);

    public int TotalHits => _hits.Values.Sum();

    public LoopbackWeb Route(string path, Func<HttpListenerContext, Task> handler)
    {
        _routes[path] = handler;
        return this;
    }

    public LoopbackWeb Serve(string path, string contentType, byte[] body, int status = 200) =>
        Route(path, c => Reply(c, status, contentType, body));

    public LoopbackWeb Serve(string path, string contentType, string body, int status = 200) =>
        Serve(path, contentType, Encoding.UTF8.GetBytes(body), status);

    public static async Task Reply(HttpListenerContext context, int status, string contentType, byte[] body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = contentType;
        context.Response.ContentLength64 = body.Length;
        try
        {
            await context.Response.OutputStream.WriteAsync(body);
            context.Response.Close();
        }
        catch (HttpListenerException) { }   // the client hung up (a size cap, a timeout): nothing to do
    }

    public static Task Reply(HttpListenerContext context, int status, string contentType, string body) =>
        Reply(context, status, contentType, Encoding.UTF8.GetBytes(body));

    private async Task AcceptLoop()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try { context = await _listener.GetContextAsync(); }
            catch (Exception) { return; }
            _ = Task.Run(async () =>
            {
                var path = context.Request.Url!.AbsolutePath;
                _hits.AddOrUpdate(path, 1, (_, n) => n + 1);
                if (_routes.TryGetValue(path, out var handler)) await handler(context);
                else await Reply(context, 404, "text/plain", "not found");
            });
        }
    }

    public void Dispose() => _listener.Close();
}
