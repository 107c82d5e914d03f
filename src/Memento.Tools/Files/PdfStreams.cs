using System.IO.Compression;

namespace Memento.Tools.Files;

/// <summary>
/// A guard against PDF flate bombs, run before the PDF parser: every flate stream of the file is inflated into a
/// counting sink — nested zlib layers too (<c>/Filter [/FlateDecode /FlateDecode]</c>) — and the file is refused once
/// the decompressed bytes of all of them pass the limit. Nothing decompressed is kept. Images are counted too (a
/// stream's dictionary can claim to be an image and still be a page's content). Streams in an encrypted file cannot
/// be inflated before decryption and are not counted.
/// </summary>
internal static class PdfStreams
{
    private const int MaxLayers = 4;
    private static readonly byte[] StreamKeyword = "stream"u8.ToArray();

    public static void CheckInflatedSize(byte[] pdf, long limit, CancellationToken token)
    {
        long total = 0;
        var sink = new byte[81920];
        for (var at = IndexOf(pdf, StreamKeyword, 0); at >= 0; at = IndexOf(pdf, StreamKeyword, at + StreamKeyword.Length))
        {
            token.ThrowIfCancellationRequested();
            if (at >= 3 && pdf.AsSpan(at - 3, 3).SequenceEqual("end"u8)) continue;           // "endstream"
            var start = at + StreamKeyword.Length;
            if (start < pdf.Length && pdf[start] == '\r') start++;
            if (start >= pdf.Length || pdf[start] != '\n') continue;                          // not the keyword: no EOL after it
            start++;
            if (start + 1 >= pdf.Length || !IsZlibHeader(pdf[start], pdf[start + 1])) continue;
            total += Inflated(new MemoryStream(pdf, start, pdf.Length - start, writable: false), limit - total, sink, layer: 1);
            if (total > limit)
                throw new FileRefusedException($"its streams inflate to more than the {limit} byte limit (a PDF bomb?)");
        }
    }

    /// <summary>Bytes the zlib stream <paramref name="compressed"/> inflates to, counting at most <paramref name="room"/>
    /// + 1; an inflated layer that is itself zlib is counted by what it inflates to.</summary>
    private static long Inflated(Stream compressed, long room, byte[] sink, int layer)
    {
        long count = 0;
        try
        {
            using var inflate = new ZLibStream(compressed, CompressionMode.Decompress);
            var head = new byte[2];
            count = inflate.ReadAtLeast(head, 2, throwOnEndOfStream: false);
            if (count == 2 && layer < MaxLayers && IsZlibHeader(head[0], head[1]))
                return Inflated(new PrefixedStream(head, inflate), room, sink, layer + 1);
            int read;
            while (count <= room && (read = inflate.Read(sink)) > 0) count += read;
        }
        catch (InvalidDataException)
        {
            // Not flate after all, or cut short: what inflated so far counts; the parser decides what it makes of the rest.
        }
        return count;
    }

    private static bool IsZlibHeader(int cmf, int flg) => (cmf & 0x0f) == 8 && (cmf >> 4) <= 7 && ((cmf << 8) | flg) % 31 == 0;

    private static int IndexOf(byte[] haystack, byte[] needle, int from) =>
        from >= haystack.Length ? -1 : haystack.AsSpan(from).IndexOf(needle) is var i and >= 0 ? from + i : -1;

    /// <summary>Two bytes already read, then the rest of a stream.</summary>
    private sealed class PrefixedStream(byte[] prefix, Stream rest) : Stream
    {
        private int _used;

        public override int Read(byte[] buffer, int offset, int count)
        {
            if (_used < prefix.Length)
            {
                var n = Math.Min(count, prefix.Length - _used);
                Array.Copy(prefix, _used, buffer, offset, n);
                _used += n;
                return n;
            }
            return rest.Read(buffer, offset, count);
        }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
