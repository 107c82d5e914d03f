namespace Memento.Core.Text;

/// <summary>Text → dense L2-normalised vector, so a dot product is the cosine similarity.</summary>
public interface ITextEncoder
{
    int Dimension { get; }

    void Encode(string text, Span<float> destination);
}
