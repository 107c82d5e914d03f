using Memento.Core.Config;
using Memento.Core.Data;
using Memento.Core.Loop;
using Memento.Core.Memory;
using Memento.Core.Results;
using Memento.Reports;

namespace Memento.Cli.Running;

/// <summary>Runs one experiment into a run folder: resolved config, episode log, summary, case bank, report.</summary>
public static class ExperimentRunner
{
    public static async Task<IReadOnlyList<SummaryRow>> RunAsync(LoadedConfig loaded, string runDir, IProgressDisplay progress, CancellationToken cancellationToken)
    {
        var config = loaded.Config;
        Directory.CreateDirectory(runDir);
        File.WriteAllText(Path.Combine(runDir, "config.yaml"), loaded.ResolvedYaml);

        var tasks = DatasetLoader.Load(config.Dataset, config.Seed);
        var bank = new CaseBank();
        if (config.Memory.SeedBank is { } seedBank) CaseBankFile.ReadInto(seedBank, bank);

        var policy = ExperimentFactory.Policy(config, tasks);
        try
        {
            var loop = new MemoryLoop(config, policy, ExperimentFactory.Agent(config, tasks), ExperimentFactory.Judge(config), bank);
            using var log = new EpisodeLog(Path.Combine(runDir, "episodes.csv"));
            var total = tasks.Count * config.Schedule.Iterations * config.Schedule.Attempts;
            using var tracker = progress.Track(config.Name, total);
            await loop.RunAsync(tasks, new CompositeSink(log, tracker), cancellationToken);

            var summary = SummaryRow.From(log.Episodes);
            CsvFiles.Write(Path.Combine(runDir, "summary.csv"), summary);
            CaseBankFile.Write(Path.Combine(runDir, "casebank.jsonl"), bank);
            RunReport.Write(runDir);
            return summary;
        }
        finally
        {
            (policy as IDisposable)?.Dispose();
        }
    }
}
