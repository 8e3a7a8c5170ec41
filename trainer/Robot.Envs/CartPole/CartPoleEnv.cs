using Robot.Envs.Seeding;

namespace Robot.Envs.CartPole;

/// <summary>CartPole-v1 with its 500-step time limit, one episode at a time.</summary>
public sealed class CartPoleEnv : IEnv
{
    Pcg64 _rng = new(0);
    double _x, _xDot, _theta, _thetaDot;
    int _steps;

    public EnvSpec Spec => CartPoleDynamics.Spec;

    /// <summary>The internal float64 state (x, x_dot, theta, theta_dot).</summary>
    public (double X, double XDot, double Theta, double ThetaDot) State
    {
        get => (_x, _xDot, _theta, _thetaDot);
        set => (_x, _xDot, _theta, _thetaDot) = value;
    }

    /// <summary>Steps taken in the current episode.</summary>
    public int ElapsedSteps { get => _steps; set => _steps = value; }

    public void Reset(int? seed, Span<float> observation)
    {
        if (seed is int s) _rng = Seeded(s);
        _x = CartPoleDynamics.SampleInitial(_rng);
        _xDot = CartPoleDynamics.SampleInitial(_rng);
        _theta = CartPoleDynamics.SampleInitial(_rng);
        _thetaDot = CartPoleDynamics.SampleInitial(_rng);
        _steps = 0;
        Write(observation);
    }

    /// <summary>Gymnasium's generator for <paramref name="seed"/> (NumPy's PCG64 through SeedSequence): the same seed, Gymnasium's start.</summary>
    internal static Pcg64 Seeded(int seed) =>
        seed >= 0 ? new Pcg64((ulong)seed) : throw new ArgumentOutOfRangeException(nameof(seed), seed, "a CartPole seed is a non-negative integer, as in Gymnasium");

    public StepResult Step(ReadOnlySpan<float> action, Span<float> observation)
    {
        int a = (int)action[0];
        if (a is not (0 or 1)) throw new ArgumentOutOfRangeException(nameof(action), $"CartPole action must be 0 or 1, got {action[0]}");
        bool terminated = CartPoleDynamics.Step(ref _x, ref _xDot, ref _theta, ref _thetaDot, a);
        _steps++;
        Write(observation);
        // Reward 1 on every step, the terminating one included (Gymnasium's rule).
        return new StepResult(1f, terminated, _steps >= CartPoleDynamics.MaxEpisodeSteps);
    }

    void Write(Span<float> observation)
    {
        observation[0] = (float)_x;
        observation[1] = (float)_xDot;
        observation[2] = (float)_theta;
        observation[3] = (float)_thetaDot;
    }
}
