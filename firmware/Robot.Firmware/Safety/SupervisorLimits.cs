namespace Robot.Firmware.Safety;

/// <summary>The supervisor's thresholds (from robot.json).</summary>
public sealed record SupervisorLimits
{
    /// <summary>Running: the motor is cut beyond this pitch, rad.</summary>
    public double TiltLimit { get; init; } = 0.5;
    /// <summary>Arming: the body counts as upright within this pitch, rad.</summary>
    public double ArmTiltLimit { get; init; } = 0.05;
    /// <summary>Arming: and still below this pitch rate, rad/s.</summary>
    public double ArmStillRate { get; init; } = 0.2;
    /// <summary>Arming: for this long, s.</summary>
    public double ArmHoldSeconds { get; init; } = 1.0;
    /// <summary>Consecutive failed sensor reads that fault the robot.</summary>
    public int MaxConsecutiveReadFailures { get; init; } = 3;
    /// <summary>Consecutive loop overruns that fault the robot.</summary>
    public int MaxConsecutiveOverruns { get; init; } = 5;
    /// <summary>Battery voltage below which the robot faults; NaN disables the check.</summary>
    public double LowBatteryVoltage { get; init; } = double.NaN;
}
