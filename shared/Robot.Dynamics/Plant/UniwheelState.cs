namespace Robot.Dynamics.Plant;

/// <summary>
/// The plant's state: wheel angle phi and body pitch theta (from vertical, positive leaning
/// forward, where phi grows when the robot rolls forward), and their rates. Position is r phi.
/// </summary>
public record struct UniwheelState(double WheelAngle, double Pitch, double WheelRate, double PitchRate)
{
    public static UniwheelState operator +(UniwheelState a, UniwheelState b) =>
        new(a.WheelAngle + b.WheelAngle, a.Pitch + b.Pitch, a.WheelRate + b.WheelRate, a.PitchRate + b.PitchRate);

    public static UniwheelState operator *(double k, UniwheelState a) =>
        new(k * a.WheelAngle, k * a.Pitch, k * a.WheelRate, k * a.PitchRate);

    public double this[int i] => i switch { 0 => WheelAngle, 1 => Pitch, 2 => WheelRate, 3 => PitchRate, _ => throw new ArgumentOutOfRangeException(nameof(i)) };

    public static UniwheelState FromArray(ReadOnlySpan<double> x) => new(x[0], x[1], x[2], x[3]);
}
