namespace Memento.Tools;

/// <summary>
/// The folders one episode's file-touching tools may see: the task's attachment folder (none when the task has no
/// attachment) and the episode's workspace, where code runs and writes. Tools that touch files take a scope at
/// construction; the registry creates them per episode.
/// </summary>
/// <param name="AttachmentFolder">The task's attachment folder, read-only for the tools; null when there is none.</param>
/// <param name="Workspace">The episode's workspace folder: working directory of the sandbox, readable by read_file.</param>
public sealed record ToolScope(string? AttachmentFolder, string Workspace)
{
    /// <summary>The folders a path may resolve into, attachment folder first.</summary>
    public IReadOnlyList<string> Roots => AttachmentFolder is null ? [Workspace] : [AttachmentFolder, Workspace];
}
