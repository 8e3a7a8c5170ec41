using System.Collections.Concurrent;
using System.Net;
using System.Net.NetworkInformation;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Http;

namespace Robot.Firmware.GroundStation;

/// <summary>
/// What keeps the station answering the operator whoever else reaches it: connections capped per
/// client address (idle ones cannot fill the server), the Host header checked against the names the
/// robot has (a DNS-rebinding page's requests name a foreign host), and headers that keep the page
/// out of other sites' frames and scripts.
/// </summary>
public static class StationGuards
{
    /// <summary>Connections the whole server keeps, and one client address may hold of them.</summary>
    public const int MaxConnections = 32, MaxConnectionsPerAddress = 8;
    /// <summary>How long a connection may sit idle (before its first request too), s: idle sockets are dropped quickly.</summary>
    public const int IdleSeconds = 5;

    /// <summary>CSP: everything from the robot itself; Plotly sets inline styles; no frames of this page anywhere.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

    /// <summary>A connection middleware that drops a client address's connections beyond <see cref="MaxConnectionsPerAddress"/> at once.</summary>
    public static Func<ConnectionDelegate, ConnectionDelegate> PerAddressLimit()
    {
        var open = new ConcurrentDictionary<IPAddress, int>();
        return next => async connection =>
        {
            var address = (connection.RemoteEndPoint as IPEndPoint)?.Address;
            if (address is null)
            {
                await next(connection);
                return;
            }
            try
            {
                if (open.AddOrUpdate(address, 1, (_, n) => n + 1) > MaxConnectionsPerAddress)
                {
                    connection.Abort(new ConnectionAbortedException($"more than {MaxConnectionsPerAddress} connections from {address}"));
                    return;
                }
                await next(connection);
            }
            finally
            {
                open.AddOrUpdate(address, 0, (_, n) => n - 1);
            }
        };
    }

    /// <summary>
    /// The Host names a request may carry: the loopback names, and when listening beyond loopback the
    /// machine's names and every address of its interfaces (a browser on the network names one of them).
    /// </summary>
    public static string[] AllowedHosts(IPEndPoint endpoint)
    {
        var hosts = new List<string> { "localhost", "127.0.0.1", "[::1]" };
        if (!IPAddress.IsLoopback(endpoint.Address))
        {
            string name = Dns.GetHostName();
            hosts.AddRange([name, name + ".local"]);
            foreach (var nic in NetworkInterface.GetAllNetworkInterfaces())
                foreach (var unicast in nic.GetIPProperties().UnicastAddresses)
                    hosts.Add(unicast.Address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{unicast.Address}]" : unicast.Address.ToString());
            if (!endpoint.Address.Equals(IPAddress.Any) && !endpoint.Address.Equals(IPAddress.IPv6Any)) hosts.Add(endpoint.Address.ToString());
        }
        return [.. hosts.Distinct()];
    }

    /// <summary>Response headers on everything the station serves.</summary>
    public static Task SecurityHeaders(HttpContext context, RequestDelegate next)
    {
        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XFrameOptions = "DENY";
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        return next(context);
    }
}
