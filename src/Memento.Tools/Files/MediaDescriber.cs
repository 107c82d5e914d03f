using Microsoft.Extensions.AI;

namespace Memento.Tools.Files;

/// <summary>
/// Images go to a vision-capable chat model and audio to an audio-capable one (any <see cref="IChatClient"/>; in a run
/// the OpenAI-compatible pipeline, which sends an image as an <c>image_url</c> data-URI part and WAV/MP3 as an
/// <c>input_audio</c> part) as <see cref="DataContent"/>; the model's answer is the file's text. Without a model for the
/// file's kind the answer says so plainly.
/// </summary>
internal sealed class MediaDescriber(IChatClient? images, IChatClient? audio, string prompt)
{
    /// <summary>No models: every image or audio file is answered "no model configured".</summary>
    public static MediaDescriber None(string prompt) => new(null, null, prompt);

    private static readonly Dictionary<string, string> MediaTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        [".png"] = "image/png", [".jpg"] = "image/jpeg", [".jpeg"] = "image/jpeg", [".gif"] = "image/gif",
        [".webp"] = "image/webp", [".bmp"] = "image/bmp",
        [".mp3"] = "audio/mpeg", [".wav"] = "audio/wav", [".m4a"] = "audio/mp4", [".ogg"] = "audio/ogg",
        [".flac"] = "audio/flac",
    };

    /// <summary>The media type of an image or audio name; null for other files.</summary>
    public static string? MediaTypeOf(string name) => MediaTypes.GetValueOrDefault(Path.GetExtension(name));

    public async Task<ToolOutput> DescribeAsync(byte[] bytes, string name, string mediaType, CancellationToken cancellationToken)
    {
        var kind = mediaType.StartsWith("image/", StringComparison.Ordinal) ? "images" : "audio";
        var client = kind == "images" ? images : audio;
        if (client is null)
            return ToolOutput.Error($"read_file: no model configured for {kind}, so '{name}' ({mediaType}, {bytes.Length} bytes) cannot be read");
        var message = new ChatMessage(ChatRole.User, [new TextContent(prompt), new DataContent(bytes, mediaType)]);
        var response = await client.GetResponseAsync([message], cancellationToken: cancellationToken);
        return new ToolOutput(response.Text, new Dictionary<string, string>
        {
            ["path"] = name, ["kind"] = kind, ["media_type"] = mediaType, ["bytes"] = bytes.Length.ToString(), ["model"] = response.ModelId ?? "",
        });
    }
}
