using System.CommandLine;
using System.Text.Json;
using Memento.Cli.Bench;
using Memento.Core.Data;
using Memento.Core.Tasks;

namespace Memento.Cli.Commands;

/// <summary><c>memento bench</c>: speed and memory figures of this machine, measured in one run (the LLM speed-up by
/// <see cref="LlmSpeedupBenchmark"/>).</summary>
internal static class BenchCommand
{
    private const string DefaultDataset = "../shared/datasets/memento/deepresearcher.jsonl";

    public static Command Build()
    {
        var json = new Option<bool>("--json") { Description = "Print the figures as JSON" };
        var quick = new Option<bool>("--quick") { Description = "Smaller run: 1 loop iteration, banks up to 100,000 cases, 32 LLM episodes" };
        var dataset = new Option<string>("--dataset") { Description = "DeepResearcher questions for the loop figures (Memento JSONL)", DefaultValueFactory = _ => DefaultDataset };
        var command = new Command("bench", "Measure encoder throughput, loop throughput, read latency against bank size, Q-network update time, peak memory and the speed-up of parallel LLM episodes against a loopback server") { json, quick, dataset };
        command.SetAction((parse, _) => CliErrors.GuardAsync(async () =>
        {
            var log = parse.GetValue(json) ? (Action<string>)(line => Console.Error.WriteLine(line)) : Console.WriteLine;
            var path = parse.GetValue(dataset)!;
            IReadOnlyList<QaTask> tasks = File.Exists(path) ? MementoJsonlReader.Read(path) : SyntheticDataset.Generate(900, 7);
            var bench = new Benchmarks(parse.GetValue(quick), log);
            bench.EncodeThroughput(tasks);
            await bench.LoopThroughputAsync(tasks, File.Exists(path) ? path : "the synthetic set");
            bench.Retrieval(tasks);
            await new LlmSpeedupBenchmark(parse.GetValue(quick), log).MeasureAsync(bench.Figures);
            if (parse.GetValue(json))
                Console.WriteLine(JsonSerializer.Serialize(bench.Figures, new JsonSerializerOptions { WriteIndented = true }));
            else
                foreach (var (key, value) in bench.Figures) Console.WriteLine($"{key,-40} {value,12:0.###}");
            return 0;
        }));
        return command;
    }
}
