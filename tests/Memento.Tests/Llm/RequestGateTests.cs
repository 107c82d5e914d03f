using System.Diagnostics;
using Memento.Core;
using Memento.Llm;
using NUnit.Framework;
using Memento.Core.Plugins;

namespace Memento.Tests.Llm;

public class RequestGateTests
{
    [Test]
    public async Task Requests_per_minute_space_the_request_starts()
    {
        using var gate = new RequestGate(maxConcurrency: 8, requestsPerMinute: 600);   // one start per 100 ms
        var starts = new List<double>();
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => gate.RunAsync(_ =>
        {
            lock (starts) starts.Add(clock.Elapsed.TotalMilliseconds);
            return Task.FromResult(0);
        }, CancellationToken.None)));
        starts.Sort();
        Assert.That(starts[^1] - starts[0], Is.GreaterThanOrEqualTo(390), "5 starts need 4 intervals of 100 ms");
    }

    [Test]
    public async Task At_most_max_concurrency_requests_are_in_flight()
    {
        using var gate = new RequestGate(maxConcurrency: 2, requestsPerMinute: 0);
        int inFlight = 0, peak = 0;
        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => gate.RunAsync(async ct =>
        {
            var now = Interlocked.Increment(ref inFlight);
            lock (gate) peak = Math.Max(peak, now);
            await Task.Delay(20, ct);
            Interlocked.Decrement(ref inFlight);
            return 0;
        }, CancellationToken.None)));
        Assert.That(peak, Is.EqualTo(2));
    }

    [Test]
    public void Without_a_key_the_official_endpoint_is_refused_before_any_request()
    {
        Environment.SetEnvironmentVariable("MEMENTO_ABSENT_KEY", null);
        using var runtime = LlmWorld.Runtime();
        var error = Assert.Throws<MementoException>(() =>
            ChatPipeline.Build(new LlmEndpoint(null, "gpt-4.1", "MEMENTO_ABSENT_KEY", TimeSpan.FromSeconds(1)), runtime))!;
        Assert.That(error.Message, Does.Contain("MEMENTO_ABSENT_KEY is not set"));
    }
}
