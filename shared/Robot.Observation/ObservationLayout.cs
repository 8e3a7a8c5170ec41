namespace Robot.Observation;

/// <summary>
/// The uniwheel policy's observation, in order, with units: what <see cref="StateEstimator"/>
/// writes on the robot and in training, and what policy files record as their input names.
/// </summary>
public static class ObservationLayout
{
    public const int Pitch = 0;         // rad, positive leaning forward
    public const int PitchRate = 1;     // rad/s
    public const int Position = 2;      // m, wheel travel since the estimator was reset
    public const int Velocity = 3;      // m/s
    public const int PreviousDuty = 4;  // the duty applied last tick, in [-1, 1]

    public const int Size = 5;

    /// <summary>Names and units, in order (written into policy files).</summary>
    public static readonly string[] Names = ["pitch_rad", "pitch_rate_rad_s", "position_m", "velocity_m_s", "previous_duty"];

    // A driving policy's observation (docs/ground-station.md): the same five, except that the
    // position is measured from a point moving at the commanded velocity (VelocityReference), and
    // the command itself as a sixth entry.
    public const int TargetVelocity = 5; // m/s, the commanded forward velocity
    public const int DrivingSize = 6;

    /// <summary>A driving policy's input names, in order: a policy file with these can be driven.</summary>
    public static readonly string[] DrivingNames = ["pitch_rad", "pitch_rate_rad_s", "position_error_m", "velocity_m_s", "previous_duty", "target_velocity_m_s"];
}
