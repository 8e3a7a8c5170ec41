namespace Robot.Firmware.Runtime;

/// <summary>
/// Whoever asks a running robot to arm, disarm, clear a fault, stop or drive: a person typing
/// (<see cref="ConsoleOperator"/>), a ground station, or the HIL rig's script. Each request is only
/// that: the loop acts on it at its next tick. <see cref="RobotSession"/> starts one for a run.
/// </summary>
public interface IOperator
{
    /// <summary>Starts making requests of <paramref name="robot"/>; <paramref name="stop"/> ends the run. Disposing stops the operator.</summary>
    IDisposable Start(BalanceRobot robot, CancellationTokenSource stop);
}
