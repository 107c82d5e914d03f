namespace Memento.Core.Text;

/// <summary>Vectors of one encoder kept across runs (the SQLite cache file), looked up by text.</summary>
public interface IVectorStore
{
    float[]? Get(string text);

    void Put(string text, float[] vector);
}
