namespace Memento.Learning;

/// <summary>The non-zero entries of an encoded text (a TF-IDF vector has a few dozen of a thousand), which is all the
/// learned projection needs and keeps the episodic store small.</summary>
public sealed record SparseVector(int[] Indices, float[] Values)
{
    public static SparseVector FromDense(ReadOnlySpan<float> dense)
    {
        var count = 0;
        foreach (var v in dense) if (v != 0) count++;
        var indices = new int[count];
        var values = new float[count];
        var at = 0;
        for (var i = 0; i < dense.Length; i++)
        {
            if (dense[i] == 0) continue;
            indices[at] = i;
            values[at++] = dense[i];
        }
        return new SparseVector(indices, values);
    }
}
