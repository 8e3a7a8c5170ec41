namespace Robot.Observation;

/// <summary>The AS5600 magnetic encoder's resolution: a 12-bit angle (ams AS5600 datasheet v1-06, RAW ANGLE).</summary>
public static class As5600Scale
{
    public const int CountsPerTurn = 4096;

    /// <summary>Radians per count.</summary>
    public const double RadiansPerCount = 2 * Math.PI / CountsPerTurn;
}
