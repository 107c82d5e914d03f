using System.Net;
using System.Net.Sockets;

namespace Memento.Tools.Http;

/// <summary>
/// Which IP addresses a tool may connect to, judged by address (never by URL text). Public unicast addresses are
/// always allowed; loopback, private (RFC 1918, CGNAT, IPv6 unique-local) and link-local (incl. the 169.254.169.254
/// metadata service) only with <see cref="AllowPrivate"/>; unspecified, multicast, broadcast, documentation and
/// reserved ranges never. IPv4-mapped, IPv4-compatible, NAT64 and 6to4 IPv6 addresses are judged by the IPv4 address
/// they carry. <see cref="AllowAddresses"/> lets single addresses through (a local SearxNG on 127.0.0.1) without
/// opening every private range.
/// </summary>
internal sealed record AddressPolicy(bool AllowPrivate, IReadOnlyList<IPAddress>? AllowAddresses = null)
{
    /// <summary>Why <paramref name="address"/> is refused (e.g. "a loopback address"), or null when it is allowed.</summary>
    public string? Refusal(IPAddress address) => AllowAddresses?.Contains(Unmapped(address)) == true ? null : Classify(address) switch
    {
        AddressRange.Public => null,
        AddressRange.Private or AddressRange.Loopback or AddressRange.LinkLocal when AllowPrivate => null,
        var range => (range == AddressRange.Unspecified ? "an " : "a ") + Describe(range) + " address",
    };

    private static IPAddress Unmapped(IPAddress address) => address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;

    public static AddressRange Classify(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6) return Classify(address.MapToIPv4());
        return address.AddressFamily switch
        {
            AddressFamily.InterNetwork => ClassifyV4(address.GetAddressBytes()),
            AddressFamily.InterNetworkV6 => ClassifyV6(address),
            _ => AddressRange.Reserved,
        };
    }

    private static AddressRange ClassifyV4(byte[] b) => (b[0], b[1], b[2]) switch
    {
        (0, _, _) => AddressRange.Unspecified,
        (127, _, _) => AddressRange.Loopback,
        (10, _, _) => AddressRange.Private,
        (172, >= 16 and <= 31, _) => AddressRange.Private,
        (192, 168, _) => AddressRange.Private,
        (100, >= 64 and <= 127, _) => AddressRange.Private,            // carrier-grade NAT
        (169, 254, _) => AddressRange.LinkLocal,                        // incl. cloud metadata 169.254.169.254
        (192, 0, 0) or (192, 0, 2) or (198, 51, 100) or (203, 0, 113) => AddressRange.Reserved,
        (198, 18 or 19, _) => AddressRange.Reserved,                    // benchmarking
        (>= 224 and <= 239, _, _) => AddressRange.Multicast,
        (>= 240, _, _) => AddressRange.Reserved,                        // incl. broadcast
        _ => AddressRange.Public,
    };

    private static AddressRange ClassifyV6(IPAddress address)
    {
        var b = address.GetAddressBytes();
        if (address.Equals(IPAddress.IPv6Any)) return AddressRange.Unspecified;
        if (address.Equals(IPAddress.IPv6Loopback)) return AddressRange.Loopback;
        if (b.Take(12).All(x => x == 0)) return Classify(new IPAddress(b[12..]));                 // IPv4-compatible ::a.b.c.d
        if (b[0] == 0x00 && b[1] == 0x64 && b[2] == 0xff && b[3] == 0x9b && b[4..12].All(x => x == 0))
            return Classify(new IPAddress(b[12..]));                                             // NAT64 64:ff9b::/96
        if (b[0] == 0x20 && b[1] == 0x02) return Classify(new IPAddress(b[2..6]));               // 6to4 2002::/16
        if (b[0] == 0xff) return AddressRange.Multicast;
        if (b[0] == 0xfe && (b[1] & 0xc0) == 0x80) return AddressRange.LinkLocal;               // fe80::/10
        if (b[0] == 0xfe && (b[1] & 0xc0) == 0xc0) return AddressRange.Private;                 // fec0::/10 site-local
        if ((b[0] & 0xfe) == 0xfc) return AddressRange.Private;                                 // fc00::/7 unique-local
        if (b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x0d && b[3] == 0xb8) return AddressRange.Reserved; // documentation
        return (b[0] & 0xe0) == 0x20 ? AddressRange.Public : AddressRange.Reserved;             // global unicast 2000::/3
    }

    private static string Describe(AddressRange range) => range switch
    {
        AddressRange.LinkLocal => "link-local",
        var other => other.ToString().ToLowerInvariant(),
    };
}
