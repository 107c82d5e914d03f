using System.IO.Compression;
using System.Text;

namespace Memento.Tools.Tests.Hostile;

/// <summary>The hostile files of the attacks on the tools, generated small: each expands to gigabytes of memory or
/// minutes of CPU in a reader without bounds.</summary>
public static class HostileFiles
{
    /// <summary>A minimal .xlsx whose one sheet's <c>sheetData</c> is written by <paramref name="rows"/> (a ZIP written
    /// by hand, so the sheet can be streamed to any size).</summary>
    public static void Xlsx(string path, Action<TextWriter> rows)
    {
        using var zip = ZipFile.Open(path, ZipArchiveMode.Create);
        Entry(zip, "[Content_Types].xml", """
            <?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>
            """);
        Entry(zip, "_rels/.rels", """
            <?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>
            """);
        Entry(zip, "xl/workbook.xml", """
            <?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>
            """);
        Entry(zip, "xl/_rels/workbook.xml.rels", """
            <?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>
            """);
        using var sheet = new StreamWriter(zip.CreateEntry("xl/worksheets/sheet1.xml", CompressionLevel.SmallestSize).Open(), new UTF8Encoding(false));
        sheet.Write("""<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>""");
        rows(sheet);
        sheet.Write("</sheetData></worksheet>");
    }

    private static void Entry(ZipArchive zip, string name, string text)
    {
        using var writer = new StreamWriter(zip.CreateEntry(name).Open(), new UTF8Encoding(false));
        writer.Write(text.Trim());
    }

    /// <summary>One row whose one cell sits at <paramref name="column"/> (e.g. ZZZZZZ), holding a number.</summary>
    public static void FarColumnXlsx(string path, string column) =>
        Xlsx(path, w => w.Write($"""<row r="1"><c r="A1"><v>1</v></c><c r="{column}1"><v>7</v></c></row>"""));

    /// <summary>Rows of empty cells, <paramref name="cells"/> in all (1,000 per row).</summary>
    public static void EmptyCellsXlsx(string path, int cells) =>
        Xlsx(path, w =>
        {
            for (var row = 1; row <= cells / 1000; row++)
            {
                w.Write($"""<row r="{row}">""");
                for (var c = 0; c < 1000; c++) w.Write("<c/>");
                w.Write("</row>");
            }
        });

    /// <summary>Elements nested <paramref name="depth"/> deep: <c>&lt;a&gt;&lt;a&gt;...x...&lt;/a&gt;&lt;/a&gt;</c>.</summary>
    public static string Nested(string open, string close, int depth) =>
        string.Concat(Enumerable.Repeat(open, depth)) + "x" + string.Concat(Enumerable.Repeat(close, depth));

    /// <summary>A one-page PDF whose content stream is <paramref name="layers"/> times deflated and inflates to
    /// <paramref name="inflatedBytes"/> bytes of spaces (written with correct cross-reference offsets).</summary>
    public static byte[] FlateBombPdf(long inflatedBytes, int layers = 1)
    {
        var content = Deflated(inflatedBytes);
        for (var i = 1; i < layers; i++) content = Deflate(content);
        var filters = string.Join(' ', Enumerable.Repeat("/FlateDecode", layers));
        var pdf = new MemoryStream();
        var offsets = new List<long>();
        void Write(string s) => pdf.Write(Encoding.Latin1.GetBytes(s));
        Write("%PDF-1.4\n");
        offsets.Add(pdf.Position);
        Write("1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n");
        offsets.Add(pdf.Position);
        Write("2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n");
        offsets.Add(pdf.Position);
        Write("3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >> endobj\n");
        offsets.Add(pdf.Position);
        Write($"4 0 obj << /Length {content.Length} /Filter [{filters}] >>\nstream\n");
        pdf.Write(content);
        Write("\nendstream\nendobj\n");
        var xref = pdf.Position;
        Write("xref\n0 5\n0000000000 65535 f \n");
        foreach (var offset in offsets) Write($"{offset:D10} 00000 n \n");
        Write($"trailer << /Size 5 /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n");
        return pdf.ToArray();
    }

    private static byte[] Deflated(long bytes)
    {
        var output = new MemoryStream();
        using (var zlib = new ZLibStream(output, CompressionLevel.Optimal, leaveOpen: true))
        {
            var spaces = new byte[1 << 20];
            Array.Fill(spaces, (byte)' ');
            for (long done = 0; done < bytes; done += spaces.Length) zlib.Write(spaces, 0, (int)Math.Min(spaces.Length, bytes - done));
        }
        return output.ToArray();
    }

    private static byte[] Deflate(byte[] data)
    {
        var output = new MemoryStream();
        using (var zlib = new ZLibStream(output, CompressionLevel.Optimal, leaveOpen: true)) zlib.Write(data);
        return output.ToArray();
    }
}
