using System.CommandLine;
using Memento.Cli.Bench;
using Memento.Core;
using Memento.Core.Data;
using Memento.Core.Tasks;

namespace Memento.Cli.Commands;

/// <summary><c>memento bench</c>: speed and memory figures of this machine, measured in one run (the LLM speed-ups by
/// <see cref="LlmSpeedupBenchmark"/> and <see cref="SweepSpeedupBenchmark"/>).</summary>
internal static class BenchCommand
{
    private const string DefaultDataset = "datasets/memento/deepresearcher.jsonl";

    /// <summary>The parts <c>--only</c> can pick, in the order they run.</summary>
    private static readonly string[] Parts = ["encode", "loop", "retrieval", "llm", "sweep"];

    public static Command Build()
    {
        var json = new Option<bool>("--json") { Description = "Print the figures as JSON" };
        var quick = new Option<bool>("--quick") { Description = "Smaller run: 1 loop iteration, banks up to 100,000 cases, 32 LLM episodes, 8 per sweep point" };
        var dataset = new Option<string>("--dataset") { Description = "DeepResearcher questions for the loop figures (Memento JSONL)", DefaultValueFactory = _ => DefaultDataset };
        var only = new Option<string[]>("--only") { Description = $"Measure only these parts ({string.Join(", ", Parts)}; repeatable)", Arity = ArgumentArity.ZeroOrMore };
        var command = new Command("bench", "Measure encoder throughput, loop throughput, read latency against bank size, Q-network update time, peak memory, and the speed-up of parallel LLM episodes and of sweep points run at once against a loopback server") { json, quick, dataset, only };
        command.SetAction((parse, _) => CliErrors.GuardAsync(async () =>
        {
            var selected = parse.GetValue(only) is { Length: > 0 } picked ? picked : Parts;
            if (selected.FirstOrDefault(p => !Parts.Contains(p)) is { } unknown)
                throw new MementoException($"--only: '{unknown}' is not a part of bench; expected one of {string.Join(" | ", Parts)}");
            var output = parse.GetValue(json) ? Console.Error : Console.Out;
            Action<string> log = line => output.WriteLine($"{line}  (load {FigureTable.LoadAverage():0.0})");
            var path = parse.GetValue(dataset)!;
            IReadOnlyList<QaTask> tasks = File.Exists(path) ? MementoJsonlReader.Read(path) : SyntheticDataset.Generate(900, 7);
            var bench = new Benchmarks(parse.GetValue(quick), log);
            if (selected.Contains("encode")) bench.EncodeThroughput(tasks);
            if (selected.Contains("loop"))
            {
                bench.TorchCall();
                await bench.LoopThroughputAsync(tasks, File.Exists(path) ? path : "the synthetic set");
            }
            if (selected.Contains("retrieval")) bench.Retrieval(tasks);
            if (selected.Contains("llm")) await new LlmSpeedupBenchmark(parse.GetValue(quick), log).MeasureAsync(bench.Figures);
            if (selected.Contains("sweep")) await new SweepSpeedupBenchmark(parse.GetValue(quick), log).MeasureAsync(bench.Figures);
            if (parse.GetValue(json)) Console.WriteLine(bench.Figures.ToJson());
            else bench.Figures.Print(Console.Out);
            return 0;
        }));
        return command;
    }
}
