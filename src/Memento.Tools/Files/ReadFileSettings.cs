namespace Memento.Tools.Files;

/// <summary>Limits of <c>read_file</c>. Defaults fit a model's context and keep a hostile file from exhausting memory.</summary>
internal sealed record ReadFileSettings
{
    /// <summary>Characters of text returned to the model; the rest is cut with a note saying how much.</summary>
    public int MaxChars { get; init; } = 20_000;

    /// <summary>Files larger than this are refused rather than parsed.</summary>
    public long MaxFileBytes { get; init; } = 64L << 20;

    /// <summary>ZIP entries listed; an archive with more is listed up to this count, with a note.</summary>
    public int MaxZipEntries { get; init; } = 1_000;

    /// <summary>Uncompressed bytes read from one ZIP member: a guard against zip bombs, checked while reading.</summary>
    public long MaxZipMemberBytes { get; init; } = 16L << 20;

    /// <summary>What the vision/audio model is asked about an image or audio file.</summary>
    public string MediaPrompt { get; init; } =
        "Describe this file completely and precisely: transcribe all text or speech verbatim, then describe what it shows.";
}
