namespace Robot.Firmware.Safety;

/// <summary>Every threshold the checks and the supervisor apply (from robot.json; docs/safety.md explains each).</summary>
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
    /// <summary>Consecutive failed reads of one sensor that fault the robot (isolated failures are ridden through).</summary>
    public int MaxConsecutiveReadFailures { get; init; } = 3;
    /// <summary>Longest time without a good IMU sample, s: a longer gap is a fault even if the next read succeeds.</summary>
    public double ImuBlindSeconds { get; init; } = 0.05;
    /// <summary>Raw gyroscope samples in a row at full scale that fault the robot.</summary>
    public int GyroSaturatedSamples { get; init; } = 3;
    /// <summary>Consecutive loop overruns that fault the robot.</summary>
    public int MaxConsecutiveOverruns { get; init; } = 5;
    /// <summary>The watchdog cuts the motor when no tick completes for this long, s.</summary>
    public double WatchdogSeconds { get; init; } = 0.025;
    /// <summary>Battery voltage below which the robot faults; NaN disables the check (no monitor).</summary>
    public double LowBatteryVoltage { get; init; } = double.NaN;
    /// <summary>Battery current above which, for OverCurrentSeconds, the robot faults, A; NaN disables the check (no monitor).</summary>
    public double MaxCurrent { get; init; } = double.NaN;
    public double OverCurrentSeconds { get; init; } = 0.1;
    /// <summary>A battery monitor whose readings do not change at all for this long while the motor drives is stuck, s.</summary>
    public double BatteryFrozenSeconds { get; init; } = 1.0;
    /// <summary>Wheel speed relative to the body beyond which, for RunawaySeconds, the wheel is running away, rad/s.</summary>
    public double RunawayWheelRate { get; init; } = 35;
    public double RunawaySeconds { get; init; } = 0.1;
    /// <summary>A duty at least this large while the wheel turns slower than StallWheelRate for StallSeconds is a stall.</summary>
    public double StallDuty { get; init; } = 0.3;
    public double StallWheelRate { get; init; } = 1.0;
    public double StallSeconds { get; init; } = 0.3;
    /// <summary>Arming's direction check: a pulse of this duty for this long must turn the wheel forward by at least DirectionMinCounts.</summary>
    public double DirectionPulseDuty { get; init; } = 0.3;
    public double DirectionPulseSeconds { get; init; } = 0.04;
    public int DirectionMinCounts { get; init; } = 8;
}
