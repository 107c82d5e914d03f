using Microsoft.Extensions.AI;

namespace Memento.Tools.Files;

/// <summary>
/// Images and audio go to a vision/audio-capable chat model (any <see cref="IChatClient"/>, e.g. the OpenAI-compatible
/// one) as <see cref="DataContent"/>; its answer is the file's text. Without a model the answer says so plainly.
/// </summary>
internal sealed class MediaDescriber(IChatClient? client, string prompt)
{
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
        if (client is null)
            return ToolOutput.Error($"read_file: no model configured for {kind}, so '{name}' ({mediaType}, {bytes.Length} bytes) cannot be read");
        var message = new ChatMessage(ChatRole.User, [new TextContent(prompt), new DataContent(bytes, mediaType)]);
        var response = await client.GetResponseAsync([message], cancellationToken: cancellationToken);
        return new ToolOutput(response.Text, new Dictionary<string, string>
        {
            ["path"] = name, ["kind"] = kind, ["media_type"] = mediaType, ["bytes"] = bytes.Length.ToString(),
        });
    }
}
