using System.Diagnostics;
using System.Runtime;
using System.Runtime.CompilerServices;
using Memento.Cli.Running;
using Memento.Core.Config;
using Memento.Core.Judging;
using Memento.Core.Loop;
using Memento.Core.Memory;
using Memento.Core.Results;
using Memento.Core.Tasks;

namespace Memento.Cli.Bench;

/// <summary>
/// The figures of <c>memento bench</c>, measured in one process: online-loop throughput per policy, per-query read
/// latency against bank size beside the time of one streaming pass over a matrix of that bank's size (the floor
/// for an exact scan), the Q-network's update time per episode, and peak memory.
/// </summary>
internal sealed class Benchmarks(bool quick, Action<string> log)
{
    public SortedDictionary<string, double> Figures { get; } = new(StringComparer.Ordinal);

    public async Task LoopThroughputAsync(IReadOnlyList<QaTask> tasks, string datasetName)
    {
        var iterations = quick ? 1 : 5;
        foreach (var policyName in new[] { "none", "similarity", "qnet", "kernel" })
        {
            var tree = YamlTree.Parse($"memory: {{policy: {policyName}, k: 4}}\nschedule: {{iterations: {iterations}}}\n", "bench");
            var config = ConfigLoader.FromTree(tree).Config;
            var policy = new TimedPolicy(ExperimentFactory.Policy(config, tasks));
            var loop = new MemoryLoop(config, policy, ExperimentFactory.Agent(config, tasks), new DeepResearcherJudge(), new CaseBank());
            var clock = Stopwatch.StartNew();
            var sink = new CountingSink();
            await loop.RunAsync(tasks, sink, CancellationToken.None);
            var seconds = clock.Elapsed.TotalSeconds;
            Figures[$"loop_eps_per_s.{policyName}"] = Math.Round(sink.Count / seconds, 1);
            if (policyName == "qnet") Figures["qnet_update_ms"] = Math.Round(policy.UpdateTime.TotalMilliseconds / policy.Updates, 3);
            log($"loop {policyName}: {sink.Count} episodes of {datasetName} in {seconds:F1} s");
        }
    }

    public void Retrieval(IReadOnlyList<QaTask> tasks)
    {
        int[] sizes = quick ? [1_000, 10_000, 100_000] : [1_000, 10_000, 100_000, 1_000_000];
        foreach (var n in sizes)
        {
            // Before the bank exists: the scan's scratch matrix is the bench's, not part of a policy's footprint.
            Figures[$"retrieval.scan_limit_ms.{n}"] = Math.Round(ScanLimitMs(n), 3);
            ReleaseMemory();
            var bank = SyntheticBank.Build(n, seed: n); // read-only for the policies: one bank serves both
            foreach (var policyName in new[] { "similarity", "qnet" })
            {
                MeasureReads(policyName, bank, tasks);
                ReleaseMemory(); // the next policy builds its own index: peak memory is one policy's, not two
            }
            if (n == sizes[^1]) Figures["peak_rss_mb"] = Math.Round(Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0, 1);
        }
    }

    // Not inlined, so the policy and its index are unreachable once it returns (a caller's frame could keep them).
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void MeasureReads(string policyName, CaseBank bank, IReadOnlyList<QaTask> tasks)
    {
        var queries = quick ? 50 : 200;
        var n = bank.Count;
        var config = ConfigLoader.FromTree(YamlTree.Parse($"memory: {{policy: {policyName}, k: 4}}\n", "bench")).Config;
        var policy = ExperimentFactory.Policy(config, tasks);
        try
        {
            var rng = new Random(1);
            if (policyName == "qnet") Warm(policy, bank, rng);
            var indexClock = Stopwatch.StartNew();
            policy.Read(new ReadRequest(tasks[0], bank, 4, rng)); // indexes the bank
            log($"retrieval {policyName} N={n}: indexed in {indexClock.Elapsed.TotalSeconds:F1} s");
            var latencies = new double[queries];
            for (var q = 0; q < queries; q++)
            {
                var task = tasks[rng.Next(tasks.Count)];
                var clock = Stopwatch.StartNew();
                policy.Read(new ReadRequest(task, bank, 4, rng));
                latencies[q] = clock.Elapsed.TotalMilliseconds;
            }
            Array.Sort(latencies);
            Figures[$"retrieval.{policyName}.{n}.p50_ms"] = Math.Round(latencies[queries / 2], 3);
            Figures[$"retrieval.{policyName}.{n}.p99_ms"] = Math.Round(latencies[(int)(queries * 0.99)], 3);
        }
        finally
        {
            (policy as IDisposable)?.Dispose();
        }
    }

    private static void ReleaseMemory()
    {
        GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
    }

    // The encoder's default dimension: a bank's embedding matrix is N × this many floats.
    private static readonly int EncoderDimension = ConfigLoader.FromTree(new()).Config.Memory.Encoder.Dim;

    /// <summary>The best of several passes of the exact-scan kernel (<see cref="VectorIndex.Dot"/> against every row)
    /// over a matrix of the bank's size: what reading a bank's embeddings once costs on this machine.</summary>
    private static double ScanLimitMs(int rows)
    {
        var matrix = new float[(long)rows * EncoderDimension];
        Array.Fill(matrix, 1f);
        var query = new float[EncoderDimension];
        Array.Fill(query, 0.5f);
        var best = double.MaxValue;
        var total = 0f;
        for (var pass = 0; pass < 5; pass++)
        {
            var clock = Stopwatch.StartNew();
            for (var row = 0; row < rows; row++) total += VectorIndex.Dot(query, matrix.AsSpan(row * EncoderDimension, EncoderDimension));
            best = Math.Min(best, clock.Elapsed.TotalMilliseconds);
        }
        GC.KeepAlive(total);
        return best;
    }

    /// <summary>Gives the Q-network enough episodes to pass its warm-up, so reads go through the network.</summary>
    private static void Warm(IReadPolicy policy, CaseBank bank, Random rng)
    {
        for (var e = 0; e < 40; e++)
        {
            var task = new QaTask($"warm{e}", SyntheticBank.Question(rng), ["x"], "bench");
            var retrieved = Enumerable.Range(0, 4).Select(_ => bank[rng.Next(Math.Min(bank.Count, 1000))]).ToArray();
            policy.Update(new EpisodeFeedback(task, retrieved, rng.Next(2)));
        }
    }

    private sealed class CountingSink : IEpisodeSink
    {
        public int Count { get; private set; }
        public void Record(EpisodeRecord episode) => Count++;
    }
}
