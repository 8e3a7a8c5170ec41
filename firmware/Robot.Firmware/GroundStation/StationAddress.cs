using System.Net;

namespace Robot.Firmware.GroundStation;

/// <summary>Where the ground station listens: "PORT" (on localhost, the default) or "ADDRESS:PORT" (told otherwise: 0.0.0.0:8080 for every interface).</summary>
public static class StationAddress
{
    public static IPEndPoint Parse(string text)
    {
        if (int.TryParse(text, out int portOnly)) return new IPEndPoint(IPAddress.Loopback, CheckPort(portOnly, text));
        if (IPEndPoint.TryParse(text, out var endpoint) && text.Contains(':') && !text.EndsWith(':'))
            return new IPEndPoint(endpoint.Address, CheckPort(endpoint.Port, text));
        throw new ArgumentException($"--ground-station: '{text}' is not PORT or ADDRESS:PORT (e.g. 8080, 127.0.0.1:8080, 0.0.0.0:8080)");
    }

    static int CheckPort(int port, string text) => port is >= 0 and <= 65535 ? port
        : throw new ArgumentException($"--ground-station: port in '{text}' must be 0 to 65535");
}
