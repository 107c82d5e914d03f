using Memento.Core;
using Memento.Core.Agents.Replay;
using Memento.Core.Config;
using Memento.Core.Judging;
using Memento.Core.Loop;
using Memento.Core.Memory;
using Memento.Core.Results;
using Memento.Core.Text;
using Memento.Reports;

namespace Memento.Cli.Running;

/// <summary>
/// Runs one experiment into a run folder: resolved config, episode logs, summary, case bank, learned state, report.
/// <para><b>Crash safety.</b> Every finished episode is appended to <c>trajectories.jsonl</c> (answer, plan, judgement)
/// and flushed before the next one starts. Resuming replays the whole loop from episode 1 with the recorded agent
/// outputs and judgements standing in for the agent and judge: reads, bank writes and policy updates are
/// deterministic under the seed, so the replay rebuilds exactly the state an uninterrupted run had at that point —
/// without a single repeated agent call — and then carries on. Final outputs are written atomically.</para>
/// </summary>
public static class ExperimentRunner
{
    public const string TrajectoriesFile = "trajectories.jsonl";
    public const string SummaryFile = "summary.csv";

    public static async Task<IReadOnlyList<SummaryRow>> RunAsync(
        LoadedConfig loaded, ExperimentInputs inputs, string runDir, IProgressDisplay progress, CancellationToken cancellationToken, bool resume = false)
    {
        var config = loaded.Config;
        Directory.CreateDirectory(runDir);
        using var runLock = RunLock.Acquire(runDir);
        var trajectoriesPath = Path.Combine(runDir, TrajectoriesFile);
        var recorded = resume ? TrajectoryLog.ReadAndRepair(trajectoriesPath) : [];
        if (!resume) File.Delete(trajectoriesPath);
        var configPath = Path.Combine(runDir, "config.yaml");
        if (!resume || !File.Exists(configPath)) AtomicFile.WriteAllText(configPath, loaded.ResolvedYaml);

        var tasks = inputs.Tasks;
        var bank = inputs.NewBank();

        var replay = new RecordedEpisodes(recorded);
        // Disposed when the run ends, however it ends: MCP tool servers stop and the response cache closes.
        await using var boxes = ExperimentFactory.AgentAndJudge(config, tasks);
        var agent = new RecordedAgent(boxes.Agent, replay);
        var judge = new RecordedJudge(boxes.Judge, replay);
        var policy = ExperimentFactory.Policy(config, tasks, boxes.Runtime, new EncodingProgress(progress.Steps($"{config.Name} · encoding questions")));
        try
        {
            var loop = new MemoryLoop(config, policy, agent, judge, bank);
            using var episodes = new EpisodeLog(Path.Combine(runDir, "episodes.csv"));
            using var trajectories = new TrajectoryLog(trajectoriesPath, recorded);
            var total = tasks.Count * config.Schedule.Iterations * config.Schedule.Attempts;
            using var tracker = progress.Track(config.Name, total);
            try
            {
                await loop.RunAsync(tasks, new CompositeSink(trajectories, episodes, tracker), cancellationToken);
            }
            catch (TrainingDivergedException e)
            {
                // Nothing learned is saved: qnet.pt and the final files only ever come from a finished run.
                var kept = episodes.Episodes.Count == 0 ? "no episode had finished" : $"episodes 1-{episodes.Episodes.Count} are kept in {runDir}";
                throw e.Then($"the run stopped; {kept} (a resume replays them and stops here again, so start a new run)");
            }

            var summary = SummaryRow.From(episodes.Episodes);
            AtomicFile.Write(Path.Combine(runDir, "casebank.jsonl"), temp => CaseBankFile.Write(temp, bank));
            AtomicFile.Write(Path.Combine(runDir, "passk.csv"), temp => CsvFiles.Write(temp, PassAtKCsvRow.From(episodes.Episodes)));
            if (config.Dataset.Kind == "gaia") GaiaSubmission.Write(Path.Combine(runDir, GaiaSubmission.FileName), tasks, episodes.Episodes);
            // Learned policies leave their network and training history (plotted by the run report).
            (policy as ILearnedState)?.SaveTo(runDir);
            // Its presence marks a finished run (a sweep resume skips such points); the report reads it.
            AtomicFile.Write(Path.Combine(runDir, SummaryFile), temp => CsvFiles.Write(temp, summary));
            RunReport.Write(runDir);
            return summary;
        }
        finally
        {
            (policy as IDisposable)?.Dispose();
        }
    }

    public static bool IsFinished(string runDir) => File.Exists(Path.Combine(runDir, SummaryFile));
}
