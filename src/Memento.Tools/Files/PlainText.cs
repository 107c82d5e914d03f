using System.Text;

namespace Memento.Tools.Files;

/// <summary>Text and code as UTF-8 (a BOM is honoured); a file with NUL bytes near its start is reported as binary, not dumped.</summary>
internal static class PlainText
{
    private const int SniffBytes = 8192;

    public static string Read(Stream stream)
    {
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        var bytes = buffer.GetBuffer().AsSpan(0, (int)buffer.Length);
        if (bytes[..Math.Min(bytes.Length, SniffBytes)].Contains((byte)0))
            return $"(binary file of {bytes.Length} bytes in a format read_file does not know; try run_python to inspect it)";
        using var reader = new StreamReader(new MemoryStream(bytes.ToArray()), Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        return reader.ReadToEnd();
    }
}
