using System.ComponentModel;

namespace Memento.Tools.Files;

/// <summary>Arguments of <c>read_file</c>.</summary>
internal sealed record ReadFileArgs(
    [property: Description("File to read: the attachment's name, a path in the workspace, or ARCHIVE.zip/MEMBER for a member of a ZIP archive.")]
    string Path);
