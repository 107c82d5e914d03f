using System.IO.Compression;
using System.Xml;
using System.Xml.Linq;
using DocumentFormat.OpenXml.Packaging;

namespace Memento.Tools.Files;

/// <summary>
/// How Office files are opened: read-only, with a cap on the characters of any one XML part (an .xlsx or .docx is a
/// ZIP, and a small file can inflate to gigabytes), after a streaming check that no XML part nests deeper than the
/// depth limit (the SDK builds its tree recursively). A package whose relationships name a part that is not in it
/// (R's writers leave such dangling references, and R's readers open the files) is opened as a copy with those
/// relationships dropped (found while the depth is checked), so what is there can be read.
/// </summary>
internal static class OfficePackage
{
    /// <summary>64 M characters (~128 MB in memory): far above real documents, far below an inflated bomb.</summary>
    public const long MaxCharactersInPart = 64L << 20;

    public static OpenSettings ReadOnly => new() { MaxCharactersInPart = MaxCharactersInPart };

    public static T Open<T>(Stream package, Func<Stream, T> open, int maxDepth) where T : IDisposable
    {
        var dangling = Inspect(package, maxDepth);
        if (dangling) return open(WithoutDanglingRelationships(package));
        package.Position = 0;
        return open(package);
    }

    private static XmlReaderSettings Streaming => new()
    {
        DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, MaxCharactersInDocument = MaxCharactersInPart, IgnoreWhitespace = true, CloseInput = true,
    };

    /// <summary>Refuses a package with an XML part nested deeper than <paramref name="maxDepth"/> (each part read as a
    /// stream), and says whether a relationship names an internal part that is not in the package.</summary>
    private static bool Inspect(Stream package, int maxDepth)
    {
        package.Position = 0;
        using var zip = new ZipArchive(package, ZipArchiveMode.Read, leaveOpen: true);
        var names = zip.Entries.Select(e => e.FullName).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var dangling = false;
        foreach (var entry in zip.Entries.Where(e => IsXml(e.FullName) || IsRels(e.FullName)))
        {
            using var reader = XmlReader.Create(entry.Open(), Streaming);
            var folder = IsRels(entry.FullName) ? SourceFolder(entry.FullName) : null;
            while (reader.Read())
            {
                if (reader.Depth > maxDepth) throw new FileRefusedException($"part '{entry.FullName}' nests XML elements deeper than {maxDepth} levels");
                if (folder is not null && reader.NodeType == XmlNodeType.Element && reader.LocalName == "Relationship")
                    dangling |= IsDangling(folder, reader.GetAttribute("Target"), reader.GetAttribute("TargetMode"), names);
            }
        }
        return dangling;
    }

    private static bool IsXml(string name) => name.EndsWith(".xml", StringComparison.OrdinalIgnoreCase);

    private static bool IsRels(string name) => name.EndsWith(".rels", StringComparison.OrdinalIgnoreCase);

    private static bool IsDangling(string folder, string? target, string? mode, HashSet<string> names) =>
        mode != "External" && target is not null && !names.Contains(Resolve(folder, target));

    /// <summary>A copy of the package whose relationship files keep only relationships to parts that exist (external
    /// targets are kept).</summary>
    private static MemoryStream WithoutDanglingRelationships(Stream package)
    {
        var copy = new MemoryStream();
        package.Position = 0;
        package.CopyTo(copy);
        using (var zip = new ZipArchive(copy, ZipArchiveMode.Update, leaveOpen: true))
        {
            var names = zip.Entries.Select(e => e.FullName).ToHashSet(StringComparer.OrdinalIgnoreCase);
            foreach (var entry in zip.Entries.Where(e => IsRels(e.FullName)).ToList())
            {
                XDocument rels;
                using (var reader = XmlReader.Create(entry.Open(), Streaming)) rels = XDocument.Load(reader);
                var folder = SourceFolder(entry.FullName);
                var dangling = rels.Root?.Elements()
                    .Where(r => IsDangling(folder, (string?)r.Attribute("Target"), (string?)r.Attribute("TargetMode"), names)).ToList() ?? [];
                if (dangling.Count == 0) continue;
                dangling.ForEach(r => r.Remove());
                using var write = entry.Open();
                write.SetLength(0);
                rels.Save(write);
            }
        }
        copy.Position = 0;
        return copy;
    }

    /// <summary>The folder a relationship file's relative targets start from: "xl/_rels/workbook.xml.rels" → "xl".</summary>
    private static string SourceFolder(string relsPath)
    {
        var rels = Path.GetDirectoryName(relsPath)!.Replace('\\', '/');   // "xl/_rels"
        return Path.GetDirectoryName(rels)?.Replace('\\', '/') ?? "";
    }

    /// <summary>The ZIP entry name a target names, from <paramref name="folder"/>; absolute targets start at the root.</summary>
    private static string Resolve(string folder, string target)
    {
        var parts = new List<string>();
        var path = target.StartsWith('/') ? target : folder.Length == 0 ? target : folder + "/" + target;
        foreach (var part in Uri.UnescapeDataString(path).Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            if (part == "..") { if (parts.Count > 0) parts.RemoveAt(parts.Count - 1); }
            else if (part != ".") parts.Add(part);
        }
        return string.Join('/', parts);
    }
}
