using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using Memento.Core;

namespace Memento.Llm.Loopback;

/// <summary>What the loopback server saw: the model, the messages and whether tools were offered.</summary>
public sealed record LoopbackRequest(string Model, JsonArray Messages, bool HasTools, JsonObject Body, string Authorization = "")
{
    public string LastRole => Messages[^1]?["role"]?.ToString() ?? "";
    public string LastContent => Messages[^1]?["content"]?.ToString() ?? "";
    public string AllContent => string.Join("\n", Messages.Select(m => m?["content"]?.ToString() ?? ""));
    public bool Has(string text) => AllContent.Contains(text, StringComparison.Ordinal);

    /// <summary>When the request arrived, as time since the server started.</summary>
    public TimeSpan ArrivedAt { get; init; }
}

/// <summary>What the loopback server saw on <c>/v1/embeddings</c>.</summary>
public sealed record LoopbackEmbeddingRequest(string Model, IReadOnlyList<string> Inputs, int? Dimensions, string Authorization);

/// <summary>A scripted reply: assistant text, or tool calls, or an HTTP error status (<see cref="Status"/> other than 200,
/// with <see cref="Content"/> as the error message and <see cref="ErrorType"/> as its <c>type</c>, as OpenAI sends).</summary>
public sealed record LoopbackReply(string? Content = null, IReadOnlyList<(string Name, string Arguments)>? ToolCalls = null,
    int PromptTokens = 11, int CompletionTokens = 7, int Status = 200, string? ErrorType = null)
{
    /// <summary>Sent as the whole 200 body instead of a completion: a body cut short by a proxy, or junk.</summary>
    public string? RawBody { get; init; }

    public static LoopbackReply Raw(string body) => new() { RawBody = body };

    public static LoopbackReply Error(int status, string message, string? type = null) => new(message, Status: status, ErrorType: type);

    public static LoopbackReply Text(string content) => new(content);
    public static LoopbackReply Call(string name, string arguments) => new(null, [(name, arguments)]);
}

/// <summary>
/// An OpenAI-compatible <c>/v1/chat/completions</c> and <c>/v1/embeddings</c> server on loopback (HttpListener), replying
/// from a script: the tests' scripted LLM and embedding model and <c>memento bench</c>'s fixed-latency server; it also lists one model at <c>GET /v1/models</c>. Counts every HTTP request; can add a fixed
/// latency and answer a seeded fraction of requests with 429 (<c>Retry-After: 0</c>) or 500 before the script is asked.
/// Which requests fail depends only on the seed, the request body and how often that body was sent before — never on
/// the order concurrent requests arrive in — so a test with faults passes or fails the same way every time.
/// </summary>
public sealed class LoopbackOpenAiServer : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Func<LoopbackRequest, LoopbackReply> _script;
    private readonly TimeSpan _latency;
    private readonly double _faultRate;
    private readonly int _faultSeed;
    private readonly Dictionary<string, int> _sent = new();
    private readonly Lock _lock = new();
    private readonly List<LoopbackRequest> _received = new();
    private readonly List<LoopbackEmbeddingRequest> _embeddingRequests = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly System.Diagnostics.Stopwatch _clock = System.Diagnostics.Stopwatch.StartNew();
    private int _modelListings, _requests, _faulted, _inFlight, _maxInFlight, _calls, _slowServed;

    /// <summary>Whether <c>GET /v1/models</c> is served (a pre-flight check's question); false answers it 404, as a
    /// server without the route would. Model listings are counted apart from <see cref="Requests"/>.</summary>
    public bool ServesModels { get; init; } = true;

    public int ModelListings => Volatile.Read(ref _modelListings);

    /// <summary>The vector of one text on <c>/v1/embeddings</c> (unset: that route answers 404).</summary>
    public Func<string, float[]>? Embed { get; init; }

    /// <summary>Extra delay for the n-th request (1-based), e.g. to make one reply slower than the client's timeout.</summary>
    public Func<int, TimeSpan>? SlowReply { get; init; }

    public LoopbackOpenAiServer(Func<LoopbackRequest, LoopbackReply> script, TimeSpan latency = default, double faultRate = 0, int faultSeed = 1)
    {
        _script = script;
        _latency = latency;
        _faultRate = faultRate;
        _faultSeed = faultSeed;
        var port = FreePort();
        _listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        _listener.Start();
        BaseUrl = $"http://127.0.0.1:{port}/v1";
        _ = Task.Run(AcceptLoop);
    }

    public string BaseUrl { get; }
    public int Requests => Volatile.Read(ref _requests);
    public int Faulted => Volatile.Read(ref _faulted);
    public int MaxInFlight => Volatile.Read(ref _maxInFlight);
    public int SlowServed => Volatile.Read(ref _slowServed);

    public IReadOnlyList<LoopbackRequest> Received
    {
        get { lock (_lock) return _received.ToList(); }
    }

    public IReadOnlyList<LoopbackEmbeddingRequest> EmbeddingRequests
    {
        get { lock (_lock) return _embeddingRequests.ToList(); }
    }

    /// <summary>A loopback port nothing listens on at the moment of asking.</summary>
    public static int FreePort()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }

    private async Task AcceptLoop()
    {
        while (!_stop.IsCancellationRequested)
        {
            HttpListenerContext context;
            try { context = await _listener.GetContextAsync(); }
            catch (Exception) { return; }
            _ = Task.Run(() => HandleAsync(context));
        }
    }

    private async Task HandleAsync(HttpListenerContext context)
    {
        if (context.Request.HttpMethod == "GET" && context.Request.Url?.AbsolutePath.TrimEnd('/').EndsWith("/models") == true)
        {
            Interlocked.Increment(ref _modelListings);
            await (ServesModels
                ? WriteAsync(context, 200, """{"object":"list","data":[{"id":"loopback","object":"model","created":1700000000,"owned_by":"memento"}]}""")
                : WriteAsync(context, 404, """{"error":{"message":"not found"}}"""));
            return;
        }
        var arrived = _clock.Elapsed;
        var number = Interlocked.Increment(ref _requests);
        var now = Interlocked.Increment(ref _inFlight);
        lock (_lock) _maxInFlight = Math.Max(_maxInFlight, now);
        try
        {
            using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
            var text = await reader.ReadToEndAsync();
            var body = JsonNode.Parse(text)!.AsObject();
            if (_latency > TimeSpan.Zero) await Task.Delay(_latency);
            if (SlowReply?.Invoke(number) is { } slow && slow > TimeSpan.Zero)
            {
                await Task.Delay(slow);
                lock (_lock) _slowServed++;
            }
            if (Fault(text) is { } draw)
            {
                Interlocked.Increment(ref _faulted);
                if (draw < _faultRate / 2)
                {
                    context.Response.Headers["Retry-After"] = "0";
                    await WriteAsync(context, 429, """{"error":{"message":"rate limited","type":"requests"}}""");
                }
                else
                {
                    await WriteAsync(context, 500, """{"error":{"message":"server error","type":"server_error"}}""");
                }
                return;
            }
            if (context.Request.Url?.AbsolutePath.EndsWith("/embeddings", StringComparison.Ordinal) == true)
            {
                await EmbeddingsAsync(context, body);
                return;
            }
            var request = new LoopbackRequest(body["model"]!.ToString(), body["messages"]!.AsArray(), body["tools"] is JsonArray { Count: > 0 }, body,
                context.Request.Headers["Authorization"] ?? "") { ArrivedAt = arrived };
            lock (_lock) _received.Add(request);
            LoopbackReply reply;
            try { reply = _script(request); }
            catch (Exception e)
            {
                await WriteAsync(context, 400, new JsonObject { ["error"] = new JsonObject { ["message"] = $"script: {e.Message} (auth: {request.Authorization})" } }.ToJsonString());
                return;
            }
            if (reply.RawBody is { } raw)
                await WriteAsync(context, 200, raw);
            else if (reply.Status != 200)
                await WriteAsync(context, reply.Status, new JsonObject { ["error"] = new JsonObject { ["message"] = reply.Content, ["type"] = reply.ErrorType } }.ToJsonString());
            else
                await WriteAsync(context, 200, Completion(request.Model, reply, Interlocked.Increment(ref _calls)));
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    private async Task EmbeddingsAsync(HttpListenerContext context, JsonObject body)
    {
        if (Embed is null)
        {
            await WriteAsync(context, 404, """{"error":{"message":"no embedding model on this server"}}""");
            return;
        }
        var inputs = body["input"] is JsonArray array ? array.Select(n => n!.ToString()).ToList() : [body["input"]!.ToString()];
        var request = new LoopbackEmbeddingRequest(body["model"]!.ToString(), inputs, body["dimensions"]?.GetValue<int>(),
            context.Request.Headers["Authorization"] ?? "");
        lock (_lock) _embeddingRequests.Add(request);
        // The OpenAI SDK asks for base64 (little-endian float32); other clients get JSON numbers.
        var base64 = body["encoding_format"]?.ToString() == "base64";
        float[][] vectors;
        try { vectors = inputs.Select(Embed).ToArray(); }
        catch (Exception e)
        {
            await WriteAsync(context, 400, new JsonObject { ["error"] = new JsonObject { ["message"] = $"script: {e.Message} (auth: {request.Authorization})" } }.ToJsonString());
            return;
        }
        var data = vectors.Select((vector, i) =>
        {
            if (request.Dimensions is { } d) vector = vector.Take(d).ToArray();
            var bytes = new byte[vector.Length * sizeof(float)];
            Buffer.BlockCopy(vector, 0, bytes, 0, bytes.Length);
            JsonNode embedding = base64 ? Convert.ToBase64String(bytes) : new JsonArray(vector.Select(v => (JsonNode)v).ToArray());
            return (JsonNode)new JsonObject { ["object"] = "embedding", ["index"] = i, ["embedding"] = embedding };
        }).ToArray();
        var tokens = inputs.Sum(t => t.Length / 4 + 1);
        await WriteAsync(context, 200, new JsonObject
        {
            ["object"] = "list",
            ["data"] = new JsonArray(data),
            ["model"] = request.Model,
            ["usage"] = new JsonObject { ["prompt_tokens"] = tokens, ["total_tokens"] = tokens },
        }.ToJsonString());
    }

    /// <summary>The draw in [0, fault rate) that fails this sending of <paramref name="body"/>, or null to answer it.</summary>
    private double? Fault(string body)
    {
        if (_faultRate <= 0) return null;
        int sending;
        lock (_lock) sending = _sent[body] = _sent.GetValueOrDefault(body) + 1;
        var draw = StableHash.Unit($"{_faultSeed}\u001f{sending}\u001f{body}");
        return draw < _faultRate ? draw : null;
    }

    private static string Completion(string model, LoopbackReply reply, int n)
    {
        var message = new JsonObject { ["role"] = "assistant", ["content"] = reply.Content };
        if (reply.ToolCalls is { Count: > 0 } calls)
            message["tool_calls"] = new JsonArray(calls.Select((c, i) => (JsonNode)new JsonObject
            {
                ["id"] = $"call_{c.Name}_{i}",
                ["type"] = "function",
                ["function"] = new JsonObject { ["name"] = c.Name, ["arguments"] = c.Arguments },
            }).ToArray());
        return new JsonObject
        {
            ["id"] = "chatcmpl-loopback",
            ["object"] = "chat.completion",
            ["created"] = 1700000000,
            ["model"] = model,
            ["choices"] = new JsonArray(new JsonObject
            {
                ["index"] = 0,
                ["message"] = message,
                ["finish_reason"] = reply.ToolCalls is { Count: > 0 } ? "tool_calls" : "stop",
            }),
            ["usage"] = new JsonObject
            {
                ["prompt_tokens"] = reply.PromptTokens,
                ["completion_tokens"] = reply.CompletionTokens,
                ["total_tokens"] = reply.PromptTokens + reply.CompletionTokens,
            },
        }.ToJsonString();
    }

    private static async Task WriteAsync(HttpListenerContext context, int status, string json)
    {
        var bytes = Encoding.UTF8.GetBytes(json);
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        context.Response.ContentLength64 = bytes.Length;
        await context.Response.OutputStream.WriteAsync(bytes);
        context.Response.Close();
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        _listener.Close();
    }
}
