using System.Net;
using System.Net.Sockets;

namespace Memento.Tools.Http;

/// <summary>
/// An HTTP handler that can only reach addresses its <see cref="AddressPolicy"/> allows. The check runs at connect
/// time on the resolved addresses, and the socket connects to an address that passed — so a DNS answer that changes
/// between a check and the connection (rebinding), or a redirect to another host, cannot slip through. No proxy (an
/// environment proxy would connect on the tool's behalf), no cookies, no automatic redirects (the caller follows them
/// one by one).
/// </summary>
internal static class GuardedHandler
{
    public static SocketsHttpHandler Create(AddressPolicy policy) => new()
    {
        UseProxy = false,
        UseCookies = false,
        AllowAutoRedirect = false,
        AutomaticDecompression = DecompressionMethods.All,
        PooledConnectionLifetime = TimeSpan.FromMinutes(1),
        ConnectCallback = (context, ct) => ConnectAsync(policy, context.DnsEndPoint, ct),
    };

    /// <summary>The addresses of <paramref name="host"/> the policy allows; throws <see cref="RefusedAddressException"/>
    /// when none is.</summary>
    public static async Task<IReadOnlyList<IPAddress>> AllowedAddressesAsync(AddressPolicy policy, string host, CancellationToken ct)
    {
        var isLiteral = IPAddress.TryParse(host.Trim('[', ']'), out var literal);
        var addresses = isLiteral ? [literal!] : await Dns.GetHostAddressesAsync(host, ct);
        var allowed = addresses.Where(a => policy.Refusal(a) is null).ToList();
        if (allowed.Count > 0) return allowed;
        if (addresses.Length == 0) throw new RefusedAddressException($"{host} has no address");
        var what = isLiteral ? $"{addresses[0]} is {policy.Refusal(addresses[0])}" : $"{host} resolves to {addresses[0]}, {policy.Refusal(addresses[0])}";
        throw new RefusedAddressException($"{what}; private, loopback and link-local addresses are refused");
    }

    private static async ValueTask<Stream> ConnectAsync(AddressPolicy policy, DnsEndPoint endpoint, CancellationToken ct)
    {
        SocketException? last = null;
        foreach (var address in await AllowedAddressesAsync(policy, endpoint.Host, ct))
        {
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(new IPEndPoint(address, endpoint.Port), ct);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch (SocketException e)
            {
                socket.Dispose();
                last = e;
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }
        throw last ?? new SocketException((int)SocketError.HostUnreachable);
    }
}
