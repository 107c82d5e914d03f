namespace Memento.Tools.Files;

/// <summary>Limits of <c>read_file</c>. Defaults fit a model's context and keep a hostile file from exhausting memory.</summary>
internal sealed record ReadFileSettings
{
    /// <summary>Characters of text returned to the model; the rest is cut with a note saying how much.</summary>
    public int MaxChars { get; init; } = 20_000;

    /// <summary>Files larger than this are refused rather than parsed.</summary>
    public long MaxFileBytes { get; init; } = 64L << 20;

    /// <summary>Wall-clock seconds to extract one file's text; past it the call answers that it stopped (<see cref="CallBudget"/>).</summary>
    public double TimeoutS { get; init; } = 20;

    /// <summary>Deepest nesting of elements read from XML, HTML, JSON and Office parts; deeper files are refused.</summary>
    public int MaxDepth { get; init; } = 256;

    /// <summary>Bytes a PDF's flate streams may inflate to, all together, checked before the PDF is parsed.</summary>
    public long MaxInflatedBytes { get; init; } = 256L << 20;

    /// <summary>ZIP entries listed; an archive with more is listed up to this count, with a note.</summary>
    public int MaxZipEntries { get; init; } = 1_000;

    /// <summary>Uncompressed bytes read from one ZIP member: a guard against zip bombs, checked while reading.</summary>
    public long MaxZipMemberBytes { get; init; } = 16L << 20;

    /// <summary>The model images go to (<c>tools.read_file.vision</c>); none by default.</summary>
    public MediaModelSettings Vision { get; init; } = MediaModelSettings.None;

    /// <summary>The model audio goes to (<c>tools.read_file.audio</c>); none by default.</summary>
    public MediaModelSettings Audio { get; init; } = MediaModelSettings.None;

    /// <summary>What the vision/audio model is asked about an image or audio file.</summary>
    public string MediaPrompt { get; init; } =
        "Describe this file completely and precisely: transcribe all text or speech verbatim, then describe what it shows.";
}
