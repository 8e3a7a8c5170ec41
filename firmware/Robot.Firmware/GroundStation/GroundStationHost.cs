using System.Text.Json;
using Robot.Firmware.StationLink;

namespace Robot.Firmware.GroundStation;

/// <summary>The ground station as `robot-firmware station` (and the rig's `run --ground-station`) starts it: the token, the server, the lines on the console.</summary>
public static class GroundStationHost
{
    /// <summary>The token file's name when --ground-station-token is not given.</summary>
    public const string DefaultTokenFile = "ground-station.token";

    public static GroundStationServer Start(string address, string tokenPath, IRobotLink robot, TextWriter console)
    {
        var endpoint = StationAddress.Parse(address);
        var token = AccessToken.LoadOrCreate(tokenPath, out bool created);
        var server = GroundStationServer.Start(endpoint, robot, token);
        console.WriteLine($"ground station: {server.Address} (read-only without the token){(endpoint.Address.Equals(System.Net.IPAddress.Loopback) ? "; localhost only" : "")}");
        console.WriteLine($"  token {(created ? "created in" : "from")} {Path.GetFullPath(tokenPath)} (owner-only): {token.Value}");
        console.WriteLine($"  open {new Uri(server.Address, "/")}#token={token.Value}");
        try
        {
            using var info = JsonDocument.Parse(robot.Ask("info"));
            if (!info.RootElement.GetProperty("policy").GetProperty("drives").GetBoolean()) console.WriteLine("  this policy balances in place only: the page cannot drive it");
        }
        catch (RobotUnreachableException e)
        {
            console.WriteLine($"  {e.Message}: the page says so until it does");
        }
        return server;
    }
}
