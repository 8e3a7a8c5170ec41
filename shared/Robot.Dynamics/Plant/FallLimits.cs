namespace Robot.Dynamics.Plant;

/// <summary>
/// When the robot counts as fallen: the same line in training (the uniwheel env ends an episode
/// there) and in the hardware-in-the-loop verdicts.
/// </summary>
public static class FallLimits
{
    /// <summary>Body pitch beyond which the robot has fallen, rad (about 34 degrees: past any recovery the motor can make).</summary>
    public const double Pitch = 0.6;

    /// <summary>Wheel travel from the start beyond which a training episode ends as a failure, m.</summary>
    public const double Wander = 2.0;
}
