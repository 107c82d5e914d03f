using System.IO.Compression;
using System.Text;

namespace Memento.Tools.Files;

/// <summary>
/// ZIP listing and member extraction, in memory only (nothing is written to disk, so a member named <c>../x</c> has
/// nowhere to escape to, and such names are refused anyway). Entry count and uncompressed member size are capped,
/// the size while reading, because a header can lie.
/// </summary>
internal sealed class ZipArchiveReader(ReadFileSettings settings)
{
    public string List(Stream zip, string name)
    {
        using var archive = Open(zip, name);
        var text = new StringBuilder($"ZIP archive '{name}', {archive.Entries.Count} entries (read one with read_file(\"{name}/MEMBER\")):\n");
        foreach (var entry in archive.Entries.Take(settings.MaxZipEntries))
        {
            text.Append(entry.FullName).Append('\t').Append(entry.Length).Append(" bytes");
            if (!IsSafe(entry.FullName)) text.Append("\t(unsafe name: not readable)");
            text.AppendLine();
        }
        if (archive.Entries.Count > settings.MaxZipEntries)
            text.AppendLine($"[cut: {archive.Entries.Count - settings.MaxZipEntries} more entries not listed]");
        return text.ToString();
    }

    /// <summary>The bytes of one member, at most <see cref="ReadFileSettings.MaxZipMemberBytes"/>.</summary>
    public byte[] Extract(Stream zip, string name, string member)
    {
        if (!IsSafe(member)) throw new FileRefusedException($"'{member}' is not a safe member name (absolute, or with '..' or '\\')");
        using var archive = Open(zip, name);
        var entry = archive.Entries.FirstOrDefault(e => e.FullName == member)
                    ?? throw new FileRefusedException($"'{name}' has no member '{member}' (read '{name}' to list its members)");
        if (entry.FullName.EndsWith('/')) throw new FileRefusedException($"'{member}' is a folder inside '{name}'; read '{name}' to list it");
        if (entry.Length > settings.MaxZipMemberBytes) throw TooLarge(member);
        using var source = entry.Open();
        using var copy = new MemoryStream();
        var buffer = new byte[81920];
        int read;
        while ((read = source.Read(buffer)) > 0)
        {
            if (copy.Length + read > settings.MaxZipMemberBytes) throw TooLarge(member);
            copy.Write(buffer, 0, read);
        }
        return copy.ToArray();
    }

    private FileRefusedException TooLarge(string member) =>
        new($"ZIP member '{member}' is larger than the {settings.MaxZipMemberBytes} byte limit when uncompressed");

    private static ZipArchive Open(Stream zip, string name)
    {
        try
        {
            return new ZipArchive(zip, ZipArchiveMode.Read, leaveOpen: true);
        }
        catch (InvalidDataException e)
        {
            throw new FileRefusedException($"'{name}' is not a readable ZIP archive: {e.Message}");
        }
    }

    private static bool IsSafe(string member) =>
        member.Length > 0 && !member.StartsWith('/') && !member.Contains('\\') && !member.Contains(':')
        && member.Split('/').All(part => part != "..");
}
