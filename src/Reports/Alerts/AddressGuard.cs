using System.Net;
using System.Net.Sockets;

namespace Analytics.Reports.Alerts;

/// <summary>
/// Keeps Slack and webhook deliveries off the server's own network: loopback, link-local, private (RFC 1918), CGNAT
/// (100.64/10), unspecified, multicast, broadcast and IPv6 unique-local or link-local addresses are refused, IPv4-mapped
/// IPv6 ones too, unless <c>Alerts:AllowPrivateAddresses</c>. Checked when a rule is saved (the URL's host, resolved)
/// and again on every connection (<see cref="ConnectAsync"/>), against the address actually dialled: a name that
/// resolved to a public address at save time may resolve to a private one later (DNS rebinding).
/// </summary>
public sealed class AddressGuard(bool allowPrivate)
{
    /// <summary>Whether <paramref name="address"/> is one a delivery must not reach.</summary>
    public static bool IsForbidden(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (IPAddress.IsLoopback(address) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any) || address.Equals(IPAddress.Broadcast))
        {
            return true;
        }

        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            var b = address.GetAddressBytes();
            return b[0] == 0                                    // "this network"
                || b[0] == 10                                   // private
                || (b[0] == 100 && b[1] is >= 64 and <= 127)    // CGNAT
                || (b[0] == 169 && b[1] == 254)                 // link-local (cloud metadata lives here)
                || (b[0] == 172 && b[1] is >= 16 and <= 31)     // private
                || (b[0] == 192 && b[1] == 168)                 // private
                || b[0] >= 224;                                 // multicast and reserved
        }

        var v6 = address.GetAddressBytes();
        return address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6Multicast || address.IsIPv6UniqueLocal
            || (v6[0] == 0 && v6.AsSpan(1, 10).IndexOfAnyExcept((byte)0) < 0 && v6[11] == 0);  // IPv4-compatible ::a.b.c.d
    }

    /// <summary>Refuses a URL that is not absolute http(s), or whose host is (or resolves to) a forbidden address; a name that does not resolve now is left to the connection's check.</summary>
    public async Task CheckUrlAsync(string url, CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            throw new AlertRuleException($"'{Mask(url)}' is not an absolute http or https URL.");
        }

        if (allowPrivate)
        {
            return;
        }

        IPAddress[] addresses;
        if (IPAddress.TryParse(uri.DnsSafeHost, out var literal))
        {
            addresses = [literal];
        }
        else
        {
            try
            {
                addresses = await Dns.GetHostAddressesAsync(uri.DnsSafeHost, cancellationToken);
            }
            catch (SocketException)
            {
                return; // Not resolvable now: every connection is checked anyway.
            }
        }

        if (addresses.FirstOrDefault(IsForbidden) is { } forbidden)
        {
            throw new AlertRuleException(
                $"The URL's host {uri.Host} is {forbidden}, a loopback, link-local, private or otherwise internal address; " +
                "alerts are not sent inside the server's own network (Alerts:AllowPrivateAddresses allows it).");
        }
    }

    /// <summary>
    /// A <see cref="SocketsHttpHandler.ConnectCallback"/>: resolves the host, refuses forbidden addresses (unless
    /// allowed), and connects to the first address that is not.
    /// </summary>
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var host = context.DnsEndPoint.Host;
        var addresses = IPAddress.TryParse(host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, cancellationToken);
        var allowed = allowPrivate ? addresses : addresses.Where(a => !IsForbidden(a)).ToArray();
        if (allowed.Length == 0)
        {
            throw new HttpRequestException($"{host} resolves only to internal addresses ({string.Join(", ", addresses.Select(a => a.ToString()))}); refused.");
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(allowed, context.DnsEndPoint.Port, cancellationToken);
            // TRICKY: checked again on the address actually connected, in case the list held more than was filtered.
            if (!allowPrivate && socket.RemoteEndPoint is IPEndPoint remote && IsForbidden(remote.Address))
            {
                throw new HttpRequestException($"{host} connected to the internal address {remote.Address}; refused.");
            }

            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>A URL as logs and messages may show it: scheme and host only.</summary>
    public static string Mask(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) ? $"{uri.Scheme}://{uri.Authority}/…" : "(not a URL)";
}
