using Memento.Core.Config;

namespace Memento.Core.Text;

/// <summary><c>memory.encoder</c> keys of the <c>tfidf</c> encoder.</summary>
public sealed record TfIdfSettings(int Dim)
{
    public static TfIdfSettings Bind(ConfigNode e) =>
        new(e.Int("dim", 256, "vector size of the hashed TF-IDF encoder", 16, 1 << 20));
}
