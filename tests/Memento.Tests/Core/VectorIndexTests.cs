using Memento.Core.Memory;
using NUnit.Framework;

namespace Memento.Tests.Core;

public sealed class VectorIndexTests
{
    [Test]
    public void Top_k_and_rows_are_exact_across_storage_blocks()
    {
        // 10,000 rows span three 4,096-row blocks; row i scores i mod 9,973 (a prime), so the best rows are known.
        var index = new VectorIndex(8);
        for (var i = 0; i < 10_000; i++)
        {
            var row = index.AppendRow();
            row[i % 8] = i % 9_973;
        }
        var query = Enumerable.Repeat(1f, 8).ToArray();
        Assert.That(index.Count, Is.EqualTo(10_000));
        Assert.That(index.TopK(query, 3), Is.EqualTo(new[] { 9_972, 9_971, 9_970 }));
        Assert.That(index.Row(4_096)[0], Is.EqualTo(4_096f), "first row of the second block");
        Assert.That(index.Row(9_999)[9_999 % 8], Is.EqualTo(26f), "9,999 mod 9,973");
    }

    [Test]
    public void Ties_go_to_the_lower_id_in_any_block()
    {
        var index = new VectorIndex(4);
        for (var i = 0; i < 5_000; i++) index.AppendRow()[0] = i is 10 or 4_500 ? 2f : 1f;
        Assert.That(index.TopK([1f, 0f, 0f, 0f], 3), Is.EqualTo(new[] { 10, 4_500, 0 }));
    }
}
