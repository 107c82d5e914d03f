using Memento.Core.Text;

namespace Memento.Llm;

/// <summary>A local encoder's vectors in the run's SQLite cache file, keyed by SHA-256 of (the encoder's identity, the
/// text), so a rerun encodes nothing again. Read-only mode reads and never writes (a local encoder may still compute a
/// vector it does not find: that sends nothing anywhere).</summary>
internal sealed class SqliteVectorStore(SqliteResponseCache cache, string encoderIdentity) : IVectorStore
{
    public float[]? Get(string text) => cache.Get(Key(text)) is { } stored ? VectorCodec.Decode(stored) : null;

    public void Put(string text, float[] vector) => cache.Put(Key(text), encoderIdentity, VectorCodec.Encode(vector));

    private string Key(string text) => SqliteCachingChatClient.Hash(new Dictionary<string, object?>
    {
        ["v"] = 1,
        ["kind"] = "local-embedding",
        ["encoder"] = encoderIdentity,
        ["text"] = text,
    });
}
