namespace Robot.Observation;

/// <summary>The AS5600 magnetic encoder's resolution: a 12-bit angle (ams AS5600 datasheet v1-06, RAW ANGLE).</summary>
public static class As5600Scale
{
    public const int CountsPerTurn = 4096;

    /// <summary>Radians per count.</summary>
    public const double RadiansPerCount = 2 * Math.PI / CountsPerTurn;

    /// <summary>
    /// The signed count difference of two readings taken less than half a turn apart: the angle
    /// wraps once a turn, so a step beyond half a turn is the same step the other way round.
    /// </summary>
    public static int ShortestStep(int delta) =>
        delta > CountsPerTurn / 2 ? delta - CountsPerTurn : delta < -CountsPerTurn / 2 ? delta + CountsPerTurn : delta;
}
