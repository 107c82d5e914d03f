using Memento.Core;
using static TorchSharp.torch;

namespace Memento.Learning;

/// <summary>The kernel policy's learned state on disk (<c>kernel.pt</c>): the projection W as its two dimensions and
/// its float32 entries. Loading refuses a file of another shape, naming both, since the config would then record a
/// projection the run did not use.</summary>
internal static class KernelCheckpoint
{
    private const string FileMagic = "memento-kernel-projection";
    private const int FileVersion = 1;

    public static void Save(KernelProjection projection, string path)
    {
        var weight = projection.Weight;
        using var stream = File.Create(path);
        using var writer = new BinaryWriter(stream);
        writer.Write(FileMagic);
        writer.Write(FileVersion);
        writer.Write((int)weight.shape[0]);
        writer.Write((int)weight.shape[1]);
        foreach (var value in weight.data<float>().ToArray()) writer.Write(value);
    }

    /// <summary>Copies the projection saved at <paramref name="path"/> into <paramref name="projection"/>.</summary>
    public static void LoadInto(KernelProjection projection, string path)
    {
        if (!File.Exists(path)) throw MementoException.MissingFile(path, "memory.kernel.init: kernel checkpoint");
        var (inputs, dims) = ((int)projection.Weight.shape[0], (int)projection.Weight.shape[1]);
        float[] values;
        using (var reader = new BinaryReader(File.OpenRead(path)))
        {
            try
            {
                if (reader.ReadString() != FileMagic || reader.ReadInt32() != FileVersion)
                    throw new MementoException($"{path}: not a kernel checkpoint ({FileMagic} v{FileVersion}); memory.kernel.init takes the kernel.pt of a kernel run");
                var (savedInputs, savedDims) = (reader.ReadInt32(), reader.ReadInt32());
                if (savedDims != dims)
                    throw new MementoException($"config: memory.kernel.init = '{path}' does not match the config: memory.kernel.projection_dim = {dims} but the checkpoint has {savedDims}");
                if (savedInputs != inputs)
                    throw new MementoException($"config: memory.kernel.init = '{path}' does not match the config: the encoder gives {inputs} dimensions but the checkpoint was trained on {savedInputs} (memory.encoder must match)");
                values = new float[inputs * dims];
                for (var i = 0; i < values.Length; i++) values[i] = reader.ReadSingle();
            }
            catch (EndOfStreamException)
            {
                throw new MementoException($"{path}: truncated kernel checkpoint");
            }
        }
        if (values.Any(v => !float.IsFinite(v)))
            throw new MementoException($"{path}: holds NaN or infinite values; not a usable kernel checkpoint");
        using var _ = no_grad();
        using var loaded = tensor(values, new long[] { inputs, dims });
        projection.Weight.copy_(loaded);
    }
}
