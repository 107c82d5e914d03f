namespace Memento.Tools.Files;

/// <summary>A path or file read_file will not open; the message is the one line the model is shown.</summary>
internal sealed class FileRefusedException(string message) : Exception(message);
