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
    /// <summary>The runaway limit while the wheel is meant to spin in the air (the motor experiment): beyond what the motor can turn it to at the duty limit, rad/s.</summary>
    public double FreeWheelRunawayRate { get; init; } = 44;
    /// <summary>
    /// Free-wheel detection (<see cref="Checks.WheelLiftedCheck"/>): over this window, a change of the
    /// wheel's relative speed beyond (acceleration + tilt acceleration x |pitch|) x window, with the
    /// pitch rate changing by less than the pitch share of it and the IMU's horizontal speed by less
    /// than the IMU share of the axle's, sustained for the confirm time.
    /// </summary>
    public double WheelLiftedWindowSeconds { get; init; } = 0.05;
    public double WheelLiftedConfirmSeconds { get; init; } = 0.015;
    /// <summary>rad/s^2: no gravity needed for this much (a margin over what friction and sensor noise fake).</summary>
    public double WheelLiftedAcceleration { get; init; } = 100;
    /// <summary>rad/s^2 per rad of pitch: a third more than the most gravity gives any robot docs/safety.md covers.</summary>
    public double WheelLiftedTiltAcceleration { get; init; } = 400;
    public double WheelLiftedPitchShare { get; init; } = 0.04;
    /// <summary>The IMU's horizontal speed change must stay below this share of the axle's on the ground (r x the wheel's change).</summary>
    public double WheelLiftedImuShare { get; init; } = 0.25;
    /// <summary>A duty at least this large while the wheel turns slower than StallWheelRate for StallSeconds is a stall.</summary>
    public double StallDuty { get; init; } = 0.3;
    public double StallWheelRate { get; init; } = 1.0;
    public double StallSeconds { get; init; } = 0.3;
    /// <summary>Arming's direction check: a pulse of this duty for this long must turn the wheel forward by at least DirectionMinCounts.</summary>
    public double DirectionPulseDuty { get; init; } = 0.3;
    public double DirectionPulseSeconds { get; init; } = 0.04;
    public int DirectionMinCounts { get; init; } = 8;
    /// <summary>
    /// Running: the drive-direction check weighs ticks whose duty is at least this large and whose wheel is not
    /// already turning with it faster than DirectionSlowRate (there back-EMF could outweigh the drive).
    /// </summary>
    public double DirectionMismatchDuty { get; init; } = 0.15;
    public double DirectionSlowRate { get; init; } = 2.0;
    /// <summary>Running: the wheel's speed change against the duty, rad/s, summed over such ticks with this time constant (s), that faults the robot.</summary>
    public double DirectionMismatchRate { get; init; } = 5.0;
    public double DirectionMismatchSeconds { get; init; } = 0.2;
}
