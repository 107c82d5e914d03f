namespace Memento.Reports;

/// <summary>A table laid out like one of the paper's: <see cref="Id"/> names its file in <c>tables/</c>,
/// <see cref="Note"/> says what each number is (which iteration, which mean, what ± means).</summary>
public sealed record PaperTable(string Id, string Title, string Note, IReadOnlyList<string> Headers,
    IReadOnlyList<IReadOnlyList<TableCell>> Rows);
