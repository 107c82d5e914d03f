using DocumentFormat.OpenXml.Packaging;

namespace Memento.Tools.Files;

/// <summary>
/// How Office files are opened: read-only, with a cap on the characters of any one XML part, because an .xlsx or
/// .docx is a ZIP and a small file can inflate to gigabytes.
/// </summary>
internal static class OfficeOpenSettings
{
    /// <summary>64 M characters (~128 MB in memory): far above real documents, far below an inflated bomb.</summary>
    private const long MaxCharactersInPart = 64L << 20;

    public static OpenSettings ReadOnly => new() { MaxCharactersInPart = MaxCharactersInPart };
}
