namespace Memento.Reports;

/// <summary>A table laid out like one of the paper's: <see cref="Id"/> names its file in <c>tables/</c>,
/// <see cref="Note"/> says what each number is (which iteration, which mean, what ± means); <see cref="CountsNote"/>
/// says what the counts are, and is shown only when they are (<c>--counts</c>).</summary>
public sealed record PaperTable(string Id, string Title, string Note, IReadOnlyList<string> Headers,
    IReadOnlyList<IReadOnlyList<TableCell>> Rows, string? CountsNote = null)
{
    /// <summary>The caption as rendered: the note, plus the counts note when counts are shown.</summary>
    public string NoteFor(bool counts) => counts && CountsNote is not null ? $"{Note} {CountsNote}" : Note;
}
