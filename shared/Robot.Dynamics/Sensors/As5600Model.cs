using Robot.Dynamics.Plant;
using Robot.Observation;

namespace Robot.Dynamics.Sensors;

/// <summary>
/// The AS5600 magnetic encoder on the wheel axle, its magnet turning with the wheel and the chip
/// fixed to the body: it reads the body-relative angle psi = phi - theta as a 12-bit count
/// (<see cref="As5600Scale"/>).
/// </summary>
public static class As5600Model
{
    public static ushort Sample(in UniwheelState s)
    {
        double turns = (s.WheelAngle - s.Pitch) / (2 * Math.PI);
        double fraction = turns - Math.Floor(turns);
        return (ushort)((int)(fraction * As5600Scale.CountsPerTurn) & (As5600Scale.CountsPerTurn - 1));
    }
}
