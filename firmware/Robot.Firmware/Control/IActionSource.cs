namespace Robot.Firmware.Control;

/// <summary>
/// What chooses the motor duty while the supervisor lets the robot run: the learned policy when
/// balancing (<see cref="PolicyActions"/>), or an identification experiment's duty schedule
/// (Identification/). Everything around it, the checks, the supervisor, the motor gate, the
/// watchdog and telemetry, is the same for both.
/// </summary>
public interface IActionSource
{
    /// <summary>
    /// Writes the duty for this tick into <paramref name="action"/>[0] from the observation and the
    /// seconds since running began (negative before); false when it has no finite action. Called every
    /// tick, allocation-free.
    /// </summary>
    bool Act(float[] observation, double secondsRunning, float[] action);

    /// <summary>True once there is nothing more to do (an experiment's schedule is over; a policy never is): the controller then disarms.</summary>
    bool IsFinished(double secondsRunning);

    /// <summary>True when it takes the driving observation (ObservationLayout.DrivingNames): it can follow a commanded velocity.</summary>
    bool Drives { get; }

    /// <summary>True when the wheel is meant to spin in the air (the motor experiment on its clamp): no free-wheel fault, and a runaway only beyond the motor's own speed.</summary>
    bool WheelInTheAir => false;
}
