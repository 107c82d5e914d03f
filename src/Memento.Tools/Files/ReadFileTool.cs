using System.Text;

namespace Memento.Tools.Files;

/// <summary>
/// <c>read_file(path)</c>: the text of a task attachment or workspace file — PDF, DOCX, PPTX, XLSX, CSV, JSON, XML,
/// HTML, text and code, ZIP listings and members; images and audio through a vision/audio model when one is given.
/// Paths are confined to the scope's folders (<see cref="PathConfinement"/>) and opened without following a symlink
/// that appeared after the check (<see cref="ConfinedFile"/>); text is extracted within a time budget
/// (<see cref="CallBudget"/>) and stops at the character budget (<see cref="ExtractedText"/>).
/// </summary>
internal sealed class ReadFileTool(ToolScope scope, ReadFileSettings settings, MediaDescriber? media = null) : Tool<ReadFileArgs>
{
    private readonly PathConfinement _confinement = new(scope);
    private readonly ZipArchiveReader _zip = new(settings);
    private readonly MediaDescriber _media = media ?? MediaDescriber.None(settings.MediaPrompt);

    public override string Name => "read_file";

    public override string Description =>
        "Read a task attachment or a workspace file as text: PDF, Word, PowerPoint (slide by slide), Excel (sheets, rows), " +
        "CSV, JSON, XML, HTML, text and code, ZIP (lists members; read one as ARCHIVE.zip/MEMBER), images and audio " +
        "(described by a vision/audio model when one is configured). Relative paths start at the attachment folder, then the workspace.";

    protected override string AttachmentUse => "read_file(path=\"{0}\") returns its text";

    protected override async Task<ToolOutput> RunAsync(ReadFileArgs arguments, CancellationToken cancellationToken)
    {
        var path = arguments.Path ?? "";
        try
        {
            var (file, member) = Locate(path);
            using var opened = ConfinedFile.OpenResolved(file, path);
            if (opened.IsDirectory) return Finish(Listing(opened.HandlePath), path, "folder", 0);
            // Devices, FIFOs and sockets are never read: they could block or never end.
            if (!opened.IsRegular) return Finish("(not a regular file: a device, FIFO or socket is not read)", path, "special", 0);
            if (opened.Length == 0) return Finish("(empty file)", path, "empty", 0);
            if (opened.Length > settings.MaxFileBytes)
                throw new FileRefusedException($"'{path}' has {opened.Length} bytes, more than the {settings.MaxFileBytes} byte limit");
            var bytes = opened.ReadAll(cancellationToken);
            var name = member ?? path.TrimEnd('/');
            if (member is not null) bytes = _zip.Extract(new MemoryStream(bytes), path, member);
            if (MediaDescriber.MediaTypeOf(name) is { } mediaType) return await _media.DescribeAsync(bytes, name, mediaType, cancellationToken);
            return await CallBudget.RunAsync(Name, settings.TimeoutS, $"extracting the text of '{name}'", budget => Extract(bytes, name, budget), cancellationToken);
        }
        catch (FileRefusedException e)
        {
            return ToolOutput.Error($"read_file: {e.Message}");
        }
    }

    /// <summary>A refused file throws <see cref="FileRefusedException"/> through the budget, answered by <see cref="RunAsync"/>.</summary>
    private ToolOutput Extract(byte[] bytes, string name, CancellationToken budget)
    {
        if (Path.GetExtension(name).Equals(".zip", StringComparison.OrdinalIgnoreCase))
            return Finish(_zip.List(new MemoryStream(bytes), name), name, "zip", bytes.Length);
        var text = new ExtractedText(settings, budget);
        DocumentText.Read(new MemoryStream(bytes, writable: false), name, text);
        return Finish(text.ToString(), name, DocumentText.KindOf(name), bytes.Length, complete: !text.StoppedEarly);
    }

    /// <summary>The confined file, and the ZIP member when the path runs through a ".zip" file (ARCHIVE.zip/MEMBER).</summary>
    private (string File, string? Member) Locate(string path)
    {
        var parts = path.Split('/');
        for (var i = 0; i < parts.Length - 1; i++)
        {
            if (!parts[i].EndsWith(".zip", StringComparison.OrdinalIgnoreCase)) continue;
            var archive = _confinement.Confine(string.Join('/', parts[..(i + 1)]));
            var member = string.Join('/', parts[(i + 1)..]);
            if (File.Exists(archive)) return (archive, member.Length == 0 ? null : member); // "a.zip/" lists it
        }
        return (_confinement.Confine(path), null);
    }

    private string Listing(string folder)
    {
        var text = new StringBuilder($"folder with {Directory.EnumerateFileSystemEntries(folder).Count()} entries:\n");
        foreach (var entry in new DirectoryInfo(folder).EnumerateFileSystemInfos().OrderBy(e => e.Name, StringComparer.Ordinal).Take(settings.MaxZipEntries))
            text.AppendLine(entry is FileInfo f ? $"{f.Name}\t{f.Length} bytes" : $"{entry.Name}/");
        return text.ToString();
    }

    private ToolOutput Finish(string text, string name, string kind, long bytes, bool complete = true)
    {
        var (kept, cut) = TextBudget.Apply(text, settings.MaxChars, complete);
        return new ToolOutput(kept, new Dictionary<string, string>
        {
            ["path"] = name, ["kind"] = kind, ["bytes"] = bytes.ToString(), ["chars"] = text.Length.ToString(), ["cut"] = cut ? "true" : "false",
        });
    }
}
