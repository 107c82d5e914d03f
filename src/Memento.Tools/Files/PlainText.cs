using System.Text;

namespace Memento.Tools.Files;

/// <summary>Text and code as UTF-8 (a BOM is honoured); a file with NUL bytes near its start is reported as binary, not dumped.</summary>
internal static class PlainText
{
    private const int SniffBytes = 8192;

    public static void Read(Stream stream, ExtractedText text)
    {
        var head = new byte[SniffBytes];
        var sniffed = stream.ReadAtLeast(head, SniffBytes, throwOnEndOfStream: false);
        if (head.AsSpan(0, sniffed).Contains((byte)0))
        {
            text.Append($"(binary file of {stream.Length} bytes in a format read_file does not know; try run_python to inspect it)");
            return;
        }
        stream.Position = 0;
        using var reader = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, leaveOpen: true);
        var buffer = new char[64 << 10];
        int read;
        while ((read = reader.Read(buffer)) > 0) text.Append(new string(buffer, 0, read));
    }
}
