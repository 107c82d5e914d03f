namespace Memento.Tools.Http;

/// <summary>The kind of range an IP address belongs to, as far as a tool's network access is concerned.</summary>
public enum AddressRange
{
    Public,
    Loopback,
    Private,
    LinkLocal,
    Multicast,
    Unspecified,
    Reserved,
}
