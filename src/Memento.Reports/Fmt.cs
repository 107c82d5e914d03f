using System.Globalization;

namespace Memento.Reports;

/// <summary>Number formats shared by the tables, fixed to the invariant culture so reports diff cleanly across machines.</summary>
internal static class Fmt
{
    public static string Pct(double value) => value.ToString("F1", CultureInfo.InvariantCulture);

    public static string Count(int correct, int n) => $"({correct}/{n})";

    public static string PctWithCount(double pct, int correct, int n) => $"{Pct(pct)} {Count(correct, n)}";
}
