using System.Text;
using UglyToad.PdfPig;
using UglyToad.PdfPig.DocumentLayoutAnalysis.TextExtractor;

namespace Memento.Tools.Files;

/// <summary>PDF → text, page by page, in content order (PdfPig).</summary>
internal static class PdfText
{
    public static string Read(Stream pdf)
    {
        using var document = PdfDocument.Open(pdf);
        var text = new StringBuilder();
        foreach (var page in document.GetPages())
            text.Append("--- page ").Append(page.Number).Append(" of ").Append(document.NumberOfPages).AppendLine(" ---")
                .AppendLine(ContentOrderTextExtractor.GetText(page).Trim());
        return text.ToString();
    }
}
