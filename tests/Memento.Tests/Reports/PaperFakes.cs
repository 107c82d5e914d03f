using Memento.Core.Results;

namespace Memento.Tests.Reports;

/// <summary>Run and sweep folders with hand-written episodes.csv files, for the paper tables and figures.</summary>
internal static class PaperFakes
{
    /// <summary>One episode; <paramref name="f1"/> defaults to the reward.</summary>
    public static EpisodeRecord Ep(int iteration, string task, string source, int reward, double? f1 = null,
        bool? pm = null, string level = "", int attempt = 1) => new()
    {
        Iteration = iteration, Attempt = attempt, TaskId = task, Source = source, Level = level, Reward = reward,
        Em = reward, F1 = f1 ?? reward, Pm = pm,
    };

    public static string Run(string dir, string policy, IEnumerable<EpisodeRecord> episodes, int k = 4, int seed = 1,
        bool frozen = false, string? seedBank = null, int attempts = 1)
    {
        Directory.CreateDirectory(dir);
        var numbered = episodes.Select((e, i) => e with { Episode = i + 1, Policy = policy, K = k }).ToList();
        CsvFiles.Write(Path.Combine(dir, "episodes.csv"), numbered);
        File.WriteAllText(Path.Combine(dir, "config.yaml"),
            $"name: {Path.GetFileName(dir)}\nseed: {seed}\nmemory:\n  policy: {policy}\n  k: {k}\n  frozen: {(frozen ? "true" : "false")}\n" +
            $"  seed_bank: {seedBank ?? "null"}\nschedule:\n  iterations: 1\n  attempts: {attempts}\n");
        return dir;
    }

    /// <summary>Writes points.csv and a sweep config.yaml naming the sweep.</summary>
    public static string Points(string sweep, params (string Folder, string Series, int Seed)[] points)
    {
        File.WriteAllLines(Path.Combine(sweep, "points.csv"),
            points.Select(p => $"{p.Folder},{p.Series},{p.Seed}").Prepend("folder,series,seed"));
        File.WriteAllText(Path.Combine(sweep, "config.yaml"), $"name: {Path.GetFileName(sweep)}\n");
        return sweep;
    }

    /// <summary><paramref name="correct"/> of <paramref name="n"/> single-source episodes in one iteration.</summary>
    public static IEnumerable<EpisodeRecord> Block(int iteration, string source, int correct, int n) =>
        Enumerable.Range(0, n).Select(i => Ep(iteration, $"{source}_{i}", source, i < correct ? 1 : 0));
}
