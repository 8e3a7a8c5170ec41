using Robot.Envs.Seeding;

using System.Runtime.CompilerServices;

namespace Robot.Envs.CartPole;

/// <summary>
/// CartPole-v1's physics exactly as Gymnasium 0.29 defines it (gymnasium/envs/classic_control/
/// cartpole.py): Barto, Sutton and Anderson's cart-pole with the equations of Florian (2007),
/// integrated with explicit Euler where positions advance with the old velocities.
/// Shared by the single and the vectorized environment so the two cannot drift apart.
/// </summary>
public static class CartPoleDynamics
{
    public const double Gravity = 9.8;
    public const double CartMass = 1.0;
    public const double PoleMass = 0.1;
    public const double TotalMass = PoleMass + CartMass;
    /// <summary>Half the pole's length (Gymnasium's "length").</summary>
    public const double HalfPoleLength = 0.5;
    public const double PoleMassLength = PoleMass * HalfPoleLength;
    public const double ForceMagnitude = 10.0;
    /// <summary>Seconds between state updates.</summary>
    public const double Tau = 0.02;
    /// <summary>12 degrees, written as Gymnasium computes it.</summary>
    public const double ThetaThreshold = 12 * 2 * Math.PI / 360;
    public const double XThreshold = 2.4;
    public const int MaxEpisodeSteps = 500;
    public const double RewardThreshold = 475.0;
    /// <summary>Reset draws each state variable uniformly from (-ResetBound, ResetBound).</summary>
    public const double ResetBound = 0.05;

    /// <summary>Advances the state by one step under action 0 (push left) or 1 (push right); returns whether it terminated.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Step(ref double x, ref double xDot, ref double theta, ref double thetaDot, int action)
    {
        double force = action == 1 ? ForceMagnitude : -ForceMagnitude;
        (double sinTheta, double cosTheta) = Math.SinCos(theta);
        double temp = (force + PoleMassLength * (thetaDot * thetaDot) * sinTheta) / TotalMass;
        double thetaAcc = (Gravity * sinTheta - cosTheta * temp)
            / (HalfPoleLength * (4.0 / 3.0 - PoleMass * (cosTheta * cosTheta) / TotalMass));
        double xAcc = temp - PoleMassLength * thetaAcc * cosTheta / TotalMass;
        x += Tau * xDot;
        xDot += Tau * xAcc;
        theta += Tau * thetaDot;
        thetaDot += Tau * thetaAcc;
        return x < -XThreshold || x > XThreshold || theta < -ThetaThreshold || theta > ThetaThreshold;
    }

    public static EnvSpec Spec { get; } = new("CartPole-v1", 4, ActionSpace.Discrete(2), MaxEpisodeSteps, RewardThreshold,
        ["cart_position_m", "cart_velocity_m_s", "pole_angle_rad", "pole_angular_velocity_rad_s"],
        // Left-right: the equations of motion are odd in (state, force), the limits and the reset box symmetric.
        new MirrorSymmetry([-1, -1, -1, -1]));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double SampleInitial(Pcg64 rng) => rng.Uniform(-ResetBound, ResetBound);
}
