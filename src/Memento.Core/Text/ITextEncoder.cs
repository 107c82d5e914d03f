namespace Memento.Core.Text;

/// <summary>Text → dense L2-normalised vector, so a dot product is the cosine similarity.</summary>
public interface ITextEncoder
{
    int Dimension { get; }

    void Encode(string text, Span<float> destination);

    /// <summary>Encodes <paramref name="texts"/> into consecutive rows of <paramref name="destination"/>
    /// (texts.Count × <see cref="Dimension"/>). Neural encoders override it to run whole batches at once.</summary>
    void EncodeBatch(IReadOnlyList<string> texts, Span<float> destination)
    {
        for (var i = 0; i < texts.Count; i++) Encode(texts[i], destination.Slice(i * Dimension, Dimension));
    }
}
