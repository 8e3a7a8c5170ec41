using Robot.Dynamics.Plant;

namespace Robot.Dynamics.Sensors;

/// <summary>
/// The AS5600 magnetic encoder on the wheel axle, its magnet turning with the wheel and the chip
/// fixed to the body: it reads the body-relative angle psi = phi - theta as a 12-bit count
/// (4096 per turn; ams AS5600 datasheet v1-06, RAW ANGLE register).
/// </summary>
public static class As5600Model
{
    public const int CountsPerTurn = 4096;

    public static ushort Sample(in UniwheelState s)
    {
        double turns = (s.WheelAngle - s.Pitch) / (2 * Math.PI);
        double fraction = turns - Math.Floor(turns);
        return (ushort)((int)(fraction * CountsPerTurn) & (CountsPerTurn - 1));
    }
}
