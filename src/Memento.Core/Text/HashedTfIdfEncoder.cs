using Memento.Core.Plugins;
namespace Memento.Core.Text;

/// <summary>
/// TF-IDF over hashed token features (<see cref="TokenHasher"/>). IDF is fitted once on a corpus fixed before the
/// run starts (the task questions of the split), so a case's vector never goes stale as the bank grows.
/// TF is sublinear (1 + ln count); unseen features get the largest IDF.
/// </summary>
public sealed class HashedTfIdfEncoder : ITextEncoder
{
    /// <summary>TF-IDF fitted on the run's questions: known before the first episode, so vectors never go stale.</summary>
    public static readonly Plugin<ITextEncoder> Plugin = new("tfidf", "hashed TF-IDF fitted on the run's questions",
        context => new HashedTfIdfEncoder(context.Config.Memory.EncoderSettings.Get<TfIdfSettings>().Dim, context.Tasks.Select(t => t.Question)))
    {
        Settings = PluginSettings.Beside(TfIdfSettings.Bind),
    };


    private readonly float[] _idf;

    public HashedTfIdfEncoder(int dimension, IEnumerable<string> corpus)
    {
        Dimension = dimension;
        var documentFrequency = new int[dimension];
        var documents = 0;
        foreach (var text in corpus)
        {
            documents++;
            foreach (var feature in TokenHasher.Features(text, dimension).Distinct()) documentFrequency[feature]++;
        }
        _idf = documentFrequency.Select(df => (float)(Math.Log((1.0 + documents) / (1.0 + df)) + 1.0)).ToArray();
    }

    public int Dimension { get; }

    public void Encode(string text, Span<float> destination)
    {
        destination.Clear();
        foreach (var feature in TokenHasher.Features(text, Dimension)) destination[feature] += 1f;
        var norm = 0.0;
        for (var i = 0; i < destination.Length; i++)
        {
            if (destination[i] == 0) continue;
            destination[i] = (1f + MathF.Log(destination[i])) * _idf[i];
            norm += destination[i] * destination[i];
        }
        if (norm == 0) return;
        var scale = (float)(1.0 / Math.Sqrt(norm));
        for (var i = 0; i < destination.Length; i++) destination[i] *= scale;
    }
}
