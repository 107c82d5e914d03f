using UglyToad.PdfPig;
using UglyToad.PdfPig.DocumentLayoutAnalysis.TextExtractor;

namespace Memento.Tools.Files;

/// <summary>PDF → text, page by page, in content order (PdfPig), after <see cref="PdfStreams"/> has checked that the
/// file's streams do not inflate past the limit; the budget is observed between pages.</summary>
internal static class PdfText
{
    public static void Read(Stream pdf, ExtractedText text)
    {
        var bytes = new byte[pdf.Length];
        pdf.ReadExactly(bytes);
        Read(bytes, text, numbered: true);
    }

    /// <param name="numbered">Whether page headers say "of N" (read_file) or only the page (fetch_page).</param>
    public static void Read(byte[] pdf, ExtractedText text, bool numbered)
    {
        PdfStreams.CheckInflatedSize(pdf, text.MaxInflatedBytes, text.Token);
        using var document = PdfDocument.Open(pdf);
        foreach (var page in document.GetPages())
        {
            text.Append("--- page ").Append(page.Number.ToString()).Append(numbered ? $" of {document.NumberOfPages} ---\n" : " ---\n")
                .AppendLine(ContentOrderTextExtractor.GetText(page).Trim());
            if (!numbered) text.Append('\n');
        }
    }
}
