using System.Text;

namespace Memento.Tools.Files;

/// <summary>
/// The text a reader builds from one file, bounded as it grows: past <see cref="MaxChars"/> the next append stops the
/// reader (<see cref="FullException"/>, caught by <see cref="DocumentText"/>), so no reader builds more than the model
/// is shown; every append also observes the call's time budget. It carries the structural limits the readers apply
/// (nesting depth, decompressed bytes), so they are stated in one place (<see cref="ReadFileSettings"/>).
/// </summary>
/// <param name="shown">Characters the model is shown; one more is kept, so the cut is visible.</param>
/// <param name="maxDepth">Deepest element nesting of XML, HTML, JSON and Office parts read.</param>
/// <param name="maxInflatedBytes">Decompressed bytes of a PDF's streams, all together.</param>
/// <param name="token">The call's time budget.</param>
internal sealed class ExtractedText(int shown, int maxDepth, long maxInflatedBytes, CancellationToken token)
{
    private readonly StringBuilder _text = new();

    /// <summary>The limits of read_file's settings.</summary>
    public ExtractedText(ReadFileSettings limits, CancellationToken token) : this(limits.MaxChars, limits.MaxDepth, limits.MaxInflatedBytes, token)
    {
    }

    /// <summary>Characters kept at most.</summary>
    public int MaxChars => shown + 1;

    public int MaxDepth => maxDepth;

    public long MaxInflatedBytes => maxInflatedBytes;

    public CancellationToken Token => token;

    /// <summary>Whether a reader was stopped at <see cref="MaxChars"/> before it reached the end of the file.</summary>
    public bool StoppedEarly { get; private set; }

    public ExtractedText Append(string? text)
    {
        token.ThrowIfCancellationRequested();
        if (string.IsNullOrEmpty(text)) return this;
        var room = MaxChars - _text.Length;
        if (text.Length <= room)
        {
            _text.Append(text);
            return this;
        }
        _text.Append(text, 0, Math.Max(room, 0));
        StoppedEarly = true;
        throw new FullException();
    }

    public ExtractedText Append(char c) => Append(c.ToString());

    public ExtractedText AppendLine(string? text = null) => Append(text).Append('\n');

    public override string ToString() => _text.ToString();

    /// <summary>A writer that appends here, for serializers that write to a <see cref="TextWriter"/>.</summary>
    public TextWriter Writer() => new AppendingWriter(this);

    private sealed class AppendingWriter(ExtractedText text) : TextWriter
    {
        public override Encoding Encoding => Encoding.Unicode;

        public override void Write(char value) => text.Append(value);

        public override void Write(string? value) => text.Append(value);

        public override void Write(char[] buffer, int index, int count) => text.Append(new string(buffer, index, count));
    }

    /// <summary>Thrown by an append past the budget; the text so far is the answer.</summary>
    public sealed class FullException : Exception;
}
