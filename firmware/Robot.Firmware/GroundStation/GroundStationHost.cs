using Robot.Firmware.Runtime;
using Robot.Firmware.Telemetry;

namespace Robot.Firmware.GroundStation;

/// <summary>The ground station as `run --ground-station` starts it (on the robot and on the rig): the token, the server, the lines on the console.</summary>
public static class GroundStationHost
{
    /// <summary>The token file's name when --ground-station-token is not given (beside robot.json on the robot).</summary>
    public const string DefaultTokenFile = "ground-station.token";

    public static GroundStationServer Start(string address, string tokenPath, BalanceRobot robot, LiveTelemetry live, StationInfo info, TextWriter console)
    {
        var endpoint = StationAddress.Parse(address);
        var token = AccessToken.LoadOrCreate(tokenPath, out bool created);
        var server = GroundStationServer.Start(endpoint, robot, live, token, info);
        console.WriteLine($"ground station: {server.Address} (read-only without the token){(endpoint.Address.Equals(System.Net.IPAddress.Loopback) ? "; localhost only" : "")}");
        console.WriteLine($"  token {(created ? "created in" : "from")} {Path.GetFullPath(tokenPath)} (owner-only): {token.Value}");
        console.WriteLine($"  open {new Uri(server.Address, "/")}#token={token.Value}");
        if (!robot.Controller.Drives) console.WriteLine("  this policy balances in place only: the page cannot drive it");
        return server;
    }
}
