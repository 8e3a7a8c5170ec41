namespace Robot.Observation;

/// <summary>
/// The firmware's per-tick telemetry CSV (robot-firmware run --telemetry, identify --out), one row a
/// control tick: what the firmware writes (Robot.Firmware's TelemetryWriter, the rig's TelemetryCsv) and
/// system identification reads (Robot.SystemId's TelemetryLog), named once here.
/// </summary>
public static class TelemetrySchema
{
    public const string Tick = "tick", Time = "time_s", AccelForward = "accel_forward", AccelUp = "accel_up", GyroPitch = "gyro_pitch",
        Encoder = "encoder", Pitch = "pitch_rad", PitchRate = "pitch_rate_rad_s", Position = "position_m", Velocity = "velocity_m_s",
        Action = "action", Duty = "duty", Lateness = "lateness_us", Compute = "compute_us", State = "state",
        BatteryVolts = "battery_v", BatteryAmps = "battery_a", Faults = "faults", TargetVelocity = "target_velocity_m_s";

    /// <summary>The columns in the order each row holds them.</summary>
    public static IReadOnlyList<string> Columns { get; } =
        [Tick, Time, AccelForward, AccelUp, GyroPitch, Encoder, Pitch, PitchRate, Position, Velocity, Action, Duty, Lateness, Compute,
         State, BatteryVolts, BatteryAmps, Faults, TargetVelocity];

    public static string Header { get; } = string.Join(',', Columns);

    /// <summary>The state column while the policy (or an experiment's schedule) drives the motor: the supervisor's Running.</summary>
    public const string RunningState = "Running";
}
