namespace Memento.Tools.Http;

/// <summary>A tool was asked to reach an address its policy refuses (private, loopback, link-local, ...).</summary>
internal sealed class RefusedAddressException(string message) : Exception(message);
