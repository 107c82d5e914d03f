using Memento.Core.Results;

namespace Memento.Tests.Reports;

/// <summary>Writes run and sweep folders by hand, in the on-disk layout the runner produces, so report tests need
/// no runner and every expected number can be worked out on paper.</summary>
internal static class FakeFolders
{
    public static string NewTempDir()
    {
        var dir = Path.Combine(Path.GetTempPath(), "memento-reports-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        return dir;
    }

    public static SummaryRow Row(int iteration, string source, int correct, int n, double emPct, double f1Pct) => new()
    {
        Iteration = iteration, Source = source, N = n, Correct = correct,
        AccuracyPct = 100.0 * correct / n, EmPct = emPct, F1Pct = f1Pct,
    };

    public static string Run(string parent, string folder, string name, string policy, int k, IEnumerable<SummaryRow> rows)
    {
        var dir = Path.Combine(parent, folder);
        Directory.CreateDirectory(dir);
        CsvFiles.Write(Path.Combine(dir, "summary.csv"), rows);
        File.WriteAllText(Path.Combine(dir, "episodes.csv"), "episode,iteration\n");
        File.WriteAllText(Path.Combine(dir, "config.yaml"),
            $"name: {name}\nseed: 1\nmemory:\n  policy: {policy}\n  k: {k}\nschedule:\n  iterations: 2\n");
        return dir;
    }

    /// <summary>A one-source run whose accuracy per iteration is <paramref name="correctPerIteration"/> out of 100;
    /// EM is set to accuracy − 5 and F1 to accuracy + 5 so the three columns are told apart.</summary>
    public static string OneSourceRun(string parent, string folder, string policy, params int[] correctPerIteration)
    {
        var rows = correctPerIteration.SelectMany((c, i) => new[]
        {
            Row(i + 1, "nq", c, 100, c - 5, c + 5),
            Row(i + 1, SummaryRow.AllSources, c, 100, c - 5, c + 5),
        });
        return Run(parent, folder, folder, policy, 4, rows);
    }

    public static bool IsPng(string path)
    {
        byte[] magic = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
        var head = new byte[magic.Length];
        using var stream = File.OpenRead(path);
        return stream.Read(head) == magic.Length && head.SequenceEqual(magic);
    }
}
