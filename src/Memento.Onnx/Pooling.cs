using System.Text.Json.Nodes;
using Memento.Core;

namespace Memento.Onnx;

/// <summary>How token vectors become one sentence vector: the mean over real (unpadded) tokens, or the [CLS] token's.</summary>
public enum Pooling
{
    Mean,
    Cls,
}

internal static class PoolingConfig
{
    /// <summary>The pooling a sentence-transformers export declares in <c>1_Pooling/config.json</c>, looked for beside
    /// the model file and one folder up (the Hugging Face layout keeps ONNX files in <c>onnx/</c>); null when absent.</summary>
    public static Pooling? Find(string modelPath)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(modelPath));
        foreach (var dir in new[] { folder, folder is null ? null : Path.GetDirectoryName(folder) })
        {
            if (dir is null) continue;
            var path = Path.Combine(dir, "1_Pooling", "config.json");
            if (File.Exists(path)) return Read(path);
        }
        return null;
    }

    public static Pooling Read(string path)
    {
        JsonNode? json;
        try { json = JsonNode.Parse(File.ReadAllText(path)); }
        catch (System.Text.Json.JsonException e) { throw new MementoException($"{path}: not a pooling config ({e.Message})"); }
        bool Flag(string key) => json?[key]?.GetValue<bool>() == true;
        if (Flag("pooling_mode_mean_tokens")) return Pooling.Mean;
        if (Flag("pooling_mode_cls_token")) return Pooling.Cls;
        throw new MementoException($"{path}: supported pooling modes are pooling_mode_mean_tokens and pooling_mode_cls_token; neither is true");
    }

    public static Pooling Parse(string value, string key) => value switch
    {
        "mean" => Pooling.Mean,
        "cls" => Pooling.Cls,
        _ => throw MementoException.BadValue(key, value, "mean | cls"),
    };
}
