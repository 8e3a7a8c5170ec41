namespace Robot.Dynamics.Plant;

/// <summary>
/// How the robot is held while it moves: on the ground balancing, or rigged for an identification
/// experiment (docs/deploy.md, "Identify your robot"). Each mount constrains the plant's two
/// degrees of freedom differently; <see cref="UniwheelPlant.Derivative"/> applies the constraint.
/// </summary>
public enum Mount
{
    /// <summary>On its wheel on the ground: body and wheel both free (the balancing robot).</summary>
    Ground,
    /// <summary>Body clamped still, wheel off the ground: only the wheel turns, J_w + J_r its whole inertia.</summary>
    WheelLifted,
    /// <summary>Hung upside down by the axle with the wheel held: only the body swings, a damped pendulum below the axle.</summary>
    Hanging,
}
