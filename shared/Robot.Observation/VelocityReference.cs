namespace Robot.Observation;

/// <summary>
/// What a driving policy is asked to follow: a point that moves at the commanded velocity. Each
/// tick it advances by target x period and the observation's position becomes the wheel's distance
/// from it (position_error_m), with the target as the sixth entry. The point is never further than
/// <see cref="MaxLag"/> from the wheel: a robot held back or pushed away is asked to make up at most
/// that much, never to race after a lost distance. The same code in training and on the robot.
/// Allocation-free.
/// </summary>
public sealed class VelocityReference
{
    /// <summary>The driving envelope: commands beyond +-MaxSpeed m/s are refused (training draws within it).</summary>
    public const double MaxSpeed = 0.5;

    /// <summary>The furthest the moving point may be from the wheel, m.</summary>
    public const double MaxLag = 0.3;

    double _position;

    /// <summary>Where the moving point is, m (in the estimator's position frame).</summary>
    public double Position => _position;

    /// <summary>Puts the point at <paramref name="position"/> (at the start of an episode, or when the robot starts running).</summary>
    public void Reset(double position = 0) => _position = position;

    /// <summary>
    /// Advances the point by <paramref name="target"/> for <paramref name="period"/> seconds and
    /// rewrites an estimator observation (position from the estimator in
    /// <see cref="ObservationLayout.Position"/>) into a driving one.
    /// </summary>
    public void Apply(float[] observation, double target, double period)
    {
        double wheel = observation[ObservationLayout.Position];
        _position = Math.Clamp(_position + target * period, wheel - MaxLag, wheel + MaxLag);
        observation[ObservationLayout.Position] = (float)(wheel - _position);
        observation[ObservationLayout.TargetVelocity] = (float)target;
    }
}
