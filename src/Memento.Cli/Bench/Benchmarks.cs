using System.Diagnostics;
using System.Runtime;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Memento.Cli.Running;
using Memento.Core.Config;
using Memento.Core.Judging;
using Memento.Core.Loop;
using Memento.Core.Memory;
using Memento.Core.Tasks;
using Memento.Core.Text;
using Memento.Learning;
using Memento.Onnx;
using TorchSharp;

namespace Memento.Cli.Bench;

/// <summary>
/// The figures of <c>memento bench</c>, measured in one process: online-loop throughput per policy, per-query read
/// latency against bank size beside the time of one streaming pass over a matrix of that bank's size (the floor
/// for an exact scan), each learned policy's update time per episode, encoder throughput, and peak memory.
/// </summary>
internal sealed class Benchmarks(bool quick, Action<string> log)
{
    public FigureTable Figures { get; } = new();

    /// <summary>The Q-network on frozen encoder vectors (<c>memory.qnet.features: encoder</c>).</summary>
    private static readonly (string Name, string Memory) QNetOnEncoder = ("qnet_encoder", "policy: qnet, qnet: {features: encoder}");

    /// <summary>The loop series: a figure name and the <c>memory</c> settings it runs — every registered policy on the
    /// default encoder, the encoder-feature Q-network, the ONNX encoder under similarity and that Q-network, and the
    /// floors of the learned policies.</summary>
    private static IEnumerable<(string Name, string Memory)> LoopSeries =>
        Plugins.All.Policies.Names.Select(name => (name, $"policy: {name}"))
            .Append(QNetOnEncoder)
            .Append(("similarity_onnx", "policy: similarity, encoder: {kind: onnx}"))
            .Append(("qnet_encoder_onnx", "policy: qnet, encoder: {kind: onnx}, qnet: {features: encoder}"))
            .Concat(Floors);

    /// <summary>The learned policies with every tensor shrunk to a few elements: the same TorchSharp calls per episode
    /// as the defaults, with next to no arithmetic in them — the floor those calls set on an episode's cost.</summary>
    private static readonly (string Name, string Memory)[] Floors =
    [
        ("qnet_floor", "policy: qnet, qnet: {buckets: 64, embedding_dim: 4, hidden: 4, batch_size: 4}"),
        ("kernel_floor", "policy: kernel, kernel: {projection_dim: 2, batch_size: 4}"),
    ];

    public async Task LoopThroughputAsync(IReadOnlyList<QaTask> tasks, string datasetName)
    {
        var iterations = quick ? 1 : 5;
        foreach (var (name, memory) in LoopSeries)
        {
            var config = Config($"memory: {{{memory}, k: 4}}\nschedule: {{iterations: {iterations}}}\n");
            // The encoder is built (the questions encoded once, up front) before the clock starts: encode_texts_per_s
            // is that cost; the loop figure is the episodes.
            var encodeClock = Stopwatch.StartNew();
            var policy = new TimedPolicy(ExperimentFactory.Policy(config, tasks));
            log($"loop {name}: policy and encoder ready in {encodeClock.Elapsed.TotalSeconds:F1} s");
            var loop = new MemoryLoop(LoopSettings.Of(config), policy, ExperimentFactory.Agent(config, tasks), new DeepResearcherJudge(), new CaseBank());
            if (policy.Learns) PolicyProfile.Start();
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            var sink = new CountingSink();
            await loop.RunAsync(tasks, sink, CancellationToken.None);
            var seconds = clock.Elapsed.TotalSeconds;
            cpu = Process.GetCurrentProcess().TotalProcessorTime - cpu;
            Figures[$"loop_eps_per_s.{name}"] = Math.Round(sink.Count / seconds, 1);
            Figures[$"loop_cpu_us_per_ep.{name}"] = Math.Round(cpu.TotalMicroseconds / sink.Count, 1);
            if (policy.Learns)
            {
                Figures[$"{name}_update_ms"] = Math.Round(policy.UpdateTime.TotalMilliseconds / policy.Updates, 3);
                RecordParts(name, PolicyProfile.Stop(), cpu, sink.Count);
            }
            log($"loop {name}: {sink.Count} episodes of {datasetName} in {seconds:F1} s");
            (policy.Inner as IDisposable)?.Dispose();
        }
    }

    /// <summary>CPU µs per episode of each part of a learned policy (<c>{name}_us.{part}</c>), and <c>other</c>: the
    /// rest of the process's CPU time (the simulated agent, the judge, the loop and bank writes, the policy's untimed
    /// glue, the garbage collector and the JIT).</summary>
    private void RecordParts(string name, IReadOnlyDictionary<PolicyPart, TimeSpan> parts, TimeSpan cpu, int episodes)
    {
        double PerEpisode(TimeSpan time) => Math.Round(time.TotalMicroseconds / episodes, 1);
        foreach (var (part, time) in parts) Figures[$"{name}_us.{JsonNamingPolicy.SnakeCaseLower.ConvertName(part.ToString())}"] = PerEpisode(time);
        Figures[$"{name}_us.other"] = PerEpisode(cpu - parts.Values.Aggregate(TimeSpan.Zero, (sum, t) => sum + t));
    }

    /// <summary>µs (wall and process CPU) of one TorchSharp op on 1-element tensors (an out-of-place add: dispatch, allocating the result,
    /// freeing it), the unit every per-episode call pays whatever its size.</summary>
    public void TorchCall()
    {
        using var a = torch.ones(1);
        using var b = torch.ones(1);
        var calls = quick ? 20_000 : 100_000;
        for (var i = 0; i < 1000; i++) a.add(b).Dispose(); // warm-up
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < calls; i++) a.add(b).Dispose();
        Figures["torch_op_us"] = Math.Round(clock.Elapsed.TotalMicroseconds / calls, 2);
        Figures["torch_op_cpu_us"] = Math.Round((Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMicroseconds / calls, 2);
        log($"torch: {calls} one-element adds in {clock.Elapsed.TotalSeconds:F2} s");
    }

    /// <summary>Texts per second of each local encoder over distinct questions, in batches as a run encodes its split.</summary>
    public void EncodeThroughput(IReadOnlyList<QaTask> tasks)
    {
        var texts = tasks.Select(t => t.Question).Distinct().Take(quick ? 256 : 1024).ToArray();
        using var onnx = new OnnxSentenceEncoder(PackagedMiniLm.Get());
        var tfidf = new HashedTfIdfEncoder(ConfigLoader.FromTree(Plugins.All, new()).Config.Memory.EncoderSettings.Get<TfIdfSettings>().Dim, tasks.Select(t => t.Question));
        foreach (var (name, encoder) in new (string, ITextEncoder)[] { (HashedTfIdfEncoder.Plugin.Name, tfidf), (OnnxPlugin.Encoder.Name, onnx) })
        {
            var rows = new float[texts.Length * encoder.Dimension];
            encoder.EncodeBatch(texts[..Math.Min(32, texts.Length)], rows); // warm-up: first-call costs are not throughput
            var clock = Stopwatch.StartNew();
            encoder.EncodeBatch(texts, rows);
            Figures[$"encode_texts_per_s.{name}"] = Math.Round(texts.Length / clock.Elapsed.TotalSeconds, 1);
            log($"encode {name} ({encoder.Dimension}-d): {texts.Length} texts in {clock.Elapsed.TotalSeconds:F2} s");
        }
    }

    /// <summary>Read latency against bank size at the default dimension (256), then at the largest size again with
    /// 384-d vectors (all-MiniLM-L6-v2's width). The 384-d bank is indexed by the hashed encoder at dim 384: encoding a
    /// million texts with the ONNX model would take most of an hour here, and a read's cost depends only on the
    /// dimension, not on where the vectors came from.</summary>
    public void Retrieval(IReadOnlyList<QaTask> tasks)
    {
        int[] sizes = quick ? [1_000, 10_000, 100_000] : [1_000, 10_000, 100_000, 1_000_000];
        foreach (var (dimension, bankSizes) in new[] { (256, sizes), (384, new[] { sizes[^1] }) })
        {
            var suffix = dimension == 256 ? "" : $".d{dimension}";
            foreach (var n in bankSizes)
            {
                // Before the bank exists: the scan's scratch matrix is the bench's, not part of a policy's footprint.
                Figures[$"retrieval.scan_limit_ms{suffix}.{n}"] = Math.Round(ScanLimitMs(n, dimension), 3);
                ReleaseMemory();
                var bank = SyntheticBank.Build(n, seed: n); // read-only for the policies: one bank serves all
                foreach (var (name, memory) in Plugins.All.Policies.Names.Select(name => (name, $"policy: {name}")).Append(QNetOnEncoder))
                {
                    MeasureReads(name + suffix, Config($"memory: {{{memory}, k: 4, encoder: {{dim: {dimension}}}}}\n"), bank, tasks);
                    ReleaseMemory(); // the next policy builds its own index: peak memory is one policy's, not two
                }
                if (n == sizes[^1]) Figures[$"peak_rss_mb{suffix}"] = Math.Round(Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0, 1);
            }
        }
    }

    private static ExperimentConfig Config(string yaml) => ConfigLoader.FromTree(Plugins.All, YamlTree.Parse(yaml, "bench")).Config;

    // Not inlined, so the policy and its index are unreachable once it returns (a caller's frame could keep them).
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void MeasureReads(string policyName, ExperimentConfig config, CaseBank bank, IReadOnlyList<QaTask> tasks)
    {
        var queries = quick ? 50 : 200;
        var n = bank.Count;
        // The bare encoder, not the run's per-text cache: a million cached vectors would double the index's memory.
        var encoder = new HashedTfIdfEncoder(config.Memory.EncoderSettings.Get<TfIdfSettings>().Dim, tasks.Select(t => t.Question));
        var policy = ExperimentFactory.Policy(config, tasks, encoder);
        try
        {
            var rng = new Random(1);
            if (policy is ILearnedState) Warm(policy, bank, rng);
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

    /// <summary>The best of several passes of the exact-scan kernel (<see cref="VectorIndex.Dot"/> against every row)
    /// over a matrix of the bank's size: what reading a bank's embeddings once costs on this machine.</summary>
    private static double ScanLimitMs(int rows, int dimension)
    {
        var matrix = new float[(long)rows * dimension];
        Array.Fill(matrix, 1f);
        var query = new float[dimension];
        Array.Fill(query, 0.5f);
        var best = double.MaxValue;
        var total = 0f;
        for (var pass = 0; pass < 5; pass++)
        {
            var clock = Stopwatch.StartNew();
            for (var row = 0; row < rows; row++) total += VectorIndex.Dot(query, matrix.AsSpan(row * dimension, dimension));
            best = Math.Min(best, clock.Elapsed.TotalMilliseconds);
        }
        GC.KeepAlive(total);
        return best;
    }

    /// <summary>Gives a learned policy enough episodes to pass its warm-up, so reads go through what it learned.</summary>
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
        public void Record(Episode episode) => Count++;
    }
}
