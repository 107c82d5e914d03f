using System.IO.Compression;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Memento.Core.Results;

namespace Memento.Reports.Inspect;

/// <summary>Writes an <see cref="InspectLog"/> in either of inspect's formats. <c>.eval</c> is a zip (deflate) holding,
/// as inspect_ai's <c>EvalRecorder</c> writes them, <c>_journal/start.json</c> (version, eval, plan), one
/// <c>samples/ID_epoch_N.json</c> per sample, <c>summaries.json</c> and <c>header.json</c> (the log without its
/// samples): samples are streamed, so a large run never sits in memory. <c>.json</c> is one <c>EvalLog</c> document.</summary>
internal static class InspectLogFile
{
    public const string Eval = "eval";
    public const string Json = "json";
    public static readonly IReadOnlyList<string> Formats = [Eval, Json];

    private static readonly JsonSerializerOptions Options = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Writes the log to <paramref name="path"/> (atomically) and returns its header.</summary>
    public static JsonObject Write(InspectLog log, string path, string format)
    {
        JsonObject? header = null;
        AtomicFile.Write(path, temp => header = format == Eval ? WriteEval(log, temp) : WriteJson(log, temp));
        return header!;
    }

    private static JsonObject WriteEval(InspectLog log, string path)
    {
        using var zip = new ZipArchive(File.Create(path), ZipArchiveMode.Create);
        var start = log.Header();
        Entry(zip, "_journal/start.json", new JsonObject { ["version"] = start["version"]!.DeepClone(), ["eval"] = start["eval"]!.DeepClone(), ["plan"] = start["plan"]!.DeepClone() });
        var summaries = new JsonArray();
        foreach (var sample in log.Samples())
        {
            log.Count(sample);
            Entry(zip, $"samples/{sample["id"]}_epoch_{sample["epoch"]}.json", sample);
            summaries.Add(InspectSample.Summary(sample));
        }
        Entry(zip, "summaries.json", summaries);
        var header = log.Header();
        Entry(zip, "header.json", header);
        return header;
    }

    private static JsonObject WriteJson(InspectLog log, string path)
    {
        var samples = new JsonArray();
        foreach (var sample in log.Samples())
        {
            log.Count(sample);
            samples.Add(sample);
        }
        var header = log.Header();
        var document = header.DeepClone().AsObject();
        document["samples"] = samples;
        using var stream = File.Create(path);
        using var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Encoder = Options.Encoder, Indented = true });
        document.WriteTo(writer);
        return header;
    }

    private static void Entry(ZipArchive zip, string name, JsonNode content)
    {
        using var stream = zip.CreateEntry(name, CompressionLevel.Optimal).Open();
        using var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Encoder = Options.Encoder });
        content.WriteTo(writer);
    }

    /// <summary>The header of a log file memento or inspect wrote (<c>header.json</c> of an <c>.eval</c>, the document
    /// without samples of a <c>.json</c>), or null when the file holds none.</summary>
    public static JsonObject? ReadHeader(string path)
    {
        try
        {
            if (path.EndsWith("." + Eval, StringComparison.Ordinal))
            {
                using var zip = ZipFile.OpenRead(path);
                using var stream = zip.GetEntry("header.json")?.Open();
                return stream is null ? null : JsonNode.Parse(stream)?.AsObject();
            }
            var document = JsonNode.Parse(File.ReadAllText(path, Encoding.UTF8))?.AsObject();
            document?.Remove("samples");
            return document;
        }
        catch (Exception e) when (e is IOException or InvalidDataException or JsonException or InvalidOperationException)
        {
            return null;
        }
    }
}
