using System.Text;
using Robot.Firmware.GroundStation;
using Robot.Firmware.Runtime;
using Robot.Firmware.Telemetry;

namespace Robot.Firmware.StationLink;

/// <summary>The station and the robot in one process (the rig's `robot-hil run --ground-station`): the same responder the socket serves, called directly.</summary>
public sealed class LocalRobotLink(BalanceRobot robot, LiveTelemetry live, StationInfo info) : IRobotLink
{
    readonly StationResponder _responder = new(robot, live, info);

    public string Ask(string request)
    {
        lock (_responder) return Encoding.UTF8.GetString(_responder.Respond(Encoding.UTF8.GetBytes(request)).Span).TrimEnd('\n');
    }

    public void Dispose() { }
}
