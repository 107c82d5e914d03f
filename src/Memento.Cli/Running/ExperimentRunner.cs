using Memento.Core;
using Memento.Core.Config;
using Memento.Core.Judging;
using Memento.Core.Loop;
using Memento.Core.Memory;
using Memento.Core.Replay;
using Memento.Core.Results;
using Memento.Core.Text;
using Memento.Reports;
using Memento.Reports.Inspect;

namespace Memento.Cli.Running;

/// <summary>
/// Runs one experiment into a run folder: resolved config, episode logs, summary, case bank, learned state, report.
/// <para><b>Crash safety.</b> Every finished episode is appended to <c>trajectories.jsonl</c> (answer, plan, judgement)
/// and flushed before the next one starts. Resuming replays the whole loop from episode 1 with the recorded agent
/// outputs and judgements standing in for the agent and judge: reads, bank writes and policy updates are
/// deterministic under the seed, so the replay rebuilds exactly the state an uninterrupted run had at that point —
/// without a single repeated agent call — and then carries on. Final outputs are written atomically.</para>
/// <para><b>Errors.</b> An episode whose agent or judge failed after its retries is logged unscored with the error's kind
/// and the run goes on, within the <see cref="ErrorBudget"/>. A resume with <c>retryErrors</c> runs exactly those
/// episodes again (the others are replayed) and rewrites the log; the old one is kept beside it.</para>
/// </summary>
internal static class ExperimentRunner
{
    /// <param name="label">Names the run in progress displays (a sweep: the point, e.g. <c>point 3/9 · policy=qnet seed=2</c>).</param>
    public static async Task<IReadOnlyList<SummaryRow>> RunAsync(
        LoadedConfig loaded, ExperimentInputs inputs, string runDir, RunContext context, bool resume = false, string? label = null, bool retryErrors = false)
    {
        var run = new RunFolder(runDir);
        Directory.CreateDirectory(runDir);
        using var runLock = RunLock.Acquire(runDir);
        if (runLock.StaleNote is { } note) context.Log.WriteLine(note);
        if (!resume && File.Exists(run.Config))
            throw new MementoException($"folder {runDir} was given to another memento process, which started a run in it; continue it with --resume {runDir}");
        var recorded = resume ? TrajectoryLog.ReadAndRepair(run.Trajectories) : [];
        if (!resume) File.Delete(run.Trajectories);
        if (retryErrors && File.Exists(run.Trajectories)) File.Move(run.Trajectories, run.Trajectories + ".before-retry", overwrite: true);
        if (!resume || !File.Exists(run.Config)) AtomicFile.WriteAllText(run.Config, loaded.ResolvedYaml);
        label ??= loaded.Config.Name;
        // A progress line (it starts with the run's label), so error output stays one line.
        if (resume) context.Log.WriteLine($"[{label}] resume {runDir}: replaying {recorded.Count} recorded episodes (no agent or judge call is repeated)");
        EpisodeLog? log = null;
        return await RunRecord.TrackAsync(run.Provenance, context.Invocation, () => log?.Rows.Count ?? recorded.Count,
            () => RunLoggedAsync(loaded, inputs, run, recorded, context, label, retryErrors, opened => log = opened));
    }

    private static async Task<IReadOnlyList<SummaryRow>> RunLoggedAsync(LoadedConfig loaded, ExperimentInputs inputs, RunFolder run,
        IReadOnlyList<TrajectoryLine> recorded, RunContext context, string label, bool retryErrors, Action<EpisodeLog> opened)
    {
        var config = loaded.Config;
        var runDir = run.Dir;

        var tasks = inputs.Tasks;
        var bank = inputs.NewBank();

        var replay = new RecordedEpisodes(recorded, retryErrors);
        // Disposed when the run ends, however it ends: MCP tool servers stop and the response cache closes.
        await using var boxes = ExperimentFactory.AgentAndJudge(config, tasks, runDir, context.SharedLlm);
        var agent = new RecordedAgent(boxes.Agent, replay);
        var judge = new RecordedJudge(boxes.Judge, replay);
        var policy = ExperimentFactory.Policy(config, tasks, boxes.Runtime, new EncodingProgress(context.Progress.Steps($"{config.Name} · encoding questions")));
        try
        {
            var settings = LoopSettings.Of(config);
            var loop = new MemoryLoop(settings, policy, agent, judge, bank);
            using var episodes = new EpisodeLog(run.Episodes);
            opened(episodes);
            using var trajectories = new TrajectoryLog(run.Trajectories, retryErrors ? [] : recorded);
            // After a retry every error seen is new: the recorded ones are all run again.
            var budget = new ErrorBudget(config.Schedule.MaxErrorRate, retryErrors ? 0 : recorded.Count, runDir, config.Schedule.MaxToolErrorRate);
            var finished = new EpisodeList();
            using var tracker = context.Progress.Track(label, settings.Episodes(tasks.Count));
            if (boxes.Runtime is { } llm) llm.Retried += tracker.Note;
            try
            {
                await loop.RunAsync(tasks, new CompositeSink(trajectories, episodes, finished, tracker, budget, boxes.ToolEpisodes), context.Cancellation);
            }
            catch (TrainingDivergedException e)
            {
                // Nothing learned is saved: qnet.pt and the final files only ever come from a finished run.
                var kept = episodes.Rows.Count == 0 ? "no episode had finished" : $"episodes 1-{episodes.Rows.Count} are kept in {runDir}";
                throw e.Then($"the run stopped; {kept} (a resume replays them and stops here again, so start a new run)");
            }
            finally
            {
                // A run that stopped was paid for too: its totals are shown before the line saying why it stopped.
                if (boxes.Runtime is { } used && Plugins.All.Endpoints(config).Count > 0) tracker.Note(used.Totals());
            }

            var summary = SummaryRow.From(episodes.Rows);
            AtomicFile.Write(run.CaseBank, temp => CaseBankFile.Write(temp, bank));
            AtomicFile.Write(run.PassAtK, temp => CsvFiles.Write(temp, PassAtKCsvRow.From(episodes.Rows)));
            AtomicFile.Write(run.PassByIterations, temp => CsvFiles.Write(temp, IterationPassCsvRow.From(episodes.Rows)));
            if (config.Dataset.Kind == "gaia") GaiaSubmission.Write(run.Submission, tasks, finished.Episodes);
            (policy as ILearnedState)?.SaveTo(run);
            // Its presence marks a finished run (a sweep resume skips such points); the report reads it.
            AtomicFile.Write(run.Summary, temp => CsvFiles.Write(temp, summary));
            RunReport.Write(runDir, Plugins.All.Policies.Names);
            if (config.InspectLog) InspectExport.WriteRun(runDir);
            return summary;
        }
        finally
        {
            (policy as IDisposable)?.Dispose();
        }
    }

}
