namespace Memento.Reports;

/// <summary>One cell of a paper table: a mean over seeds with its 95% CI half-width and, for <c>--counts</c>, the
/// integer counts behind it; or plain text (a label, or "–" for a value the run could not measure).</summary>
public sealed record TableCell(double? Mean, double? Ci = null, string? Count = null, string? Text = null, bool Bold = false,
    bool Signed = false)
{
    public static readonly TableCell Missing = new(null, Text: "–");

    public static TableCell Label(string text) => new(null, Text: text);

    public bool IsNumber => Mean is not null;
}
