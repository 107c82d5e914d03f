namespace Memento.Core.Text;

/// <summary>Where a run keeps slow encoders' vectors across runs (the cache file), one store per encoder identity.</summary>
public interface IVectorStores
{
    /// <summary>The store of one encoder's vectors, or null when the run keeps none.</summary>
    IVectorStore? For(string encoderIdentity);
}
