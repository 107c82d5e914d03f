namespace Memento.Llm;

/// <summary>A vector as it is stored in the cache file: little-endian float32 bytes in base64 — exact, and a quarter
/// of the size of a JSON array of decimals.</summary>
internal static class VectorCodec
{
    public static string Encode(float[] vector)
    {
        var bytes = new byte[vector.Length * sizeof(float)];
        Buffer.BlockCopy(vector, 0, bytes, 0, bytes.Length);
        return Convert.ToBase64String(bytes);
    }

    public static float[] Decode(string stored)
    {
        var bytes = Convert.FromBase64String(stored);
        var vector = new float[bytes.Length / sizeof(float)];
        Buffer.BlockCopy(bytes, 0, vector, 0, bytes.Length);
        return vector;
    }
}
