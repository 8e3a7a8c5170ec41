namespace Robot.Firmware.StationLink;

/// <summary>
/// The ground station's view of the robot: one request of <see cref="StationLinkProtocol"/> in, its
/// JSON answer out. Over the robot's socket (<see cref="SocketRobotLink"/>, the station in its own
/// process) or, on the rig, straight to the robot in the same process (<see cref="LocalRobotLink"/>).
/// </summary>
public interface IRobotLink : IDisposable
{
    /// <summary>The answer's JSON object (no newline); throws <see cref="RobotUnreachableException"/> when the robot cannot be asked.</summary>
    string Ask(string request);
}

/// <summary>The robot's process does not answer (not started, ended, or restarting): the station says so and tries again at the next request.</summary>
public sealed class RobotUnreachableException(string message) : Exception(message);
