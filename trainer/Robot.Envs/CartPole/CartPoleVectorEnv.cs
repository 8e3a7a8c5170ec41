using Robot.Envs.Seeding;

namespace Robot.Envs.CartPole;

/// <summary>
/// N CartPole-v1 copies stepped in one tight loop over structure-of-arrays state, with
/// automatic reset. Same physics kernel as <see cref="CartPoleEnv"/>.
/// </summary>
public sealed class CartPoleVectorEnv : IVectorEnv
{
    readonly double[] _x, _xDot, _theta, _thetaDot;
    readonly int[] _steps;
    readonly Pcg64[] _rngs;

    public CartPoleVectorEnv(int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        _x = new double[count];
        _xDot = new double[count];
        _theta = new double[count];
        _thetaDot = new double[count];
        _steps = new int[count];
        _rngs = new Pcg64[count];
        for (int i = 0; i < count; i++) _rngs[i] = new Pcg64((ulong)i);
        Observations = new float[count * 4];
        FinalObservations = new float[count * 4];
        Rewards = new float[count];
        Terminated = new bool[count];
        Truncated = new bool[count];
    }

    public EnvSpec Spec => CartPoleDynamics.Spec;
    public int Count => _x.Length;
    public float[] Observations { get; }
    public float[] FinalObservations { get; }
    public float[] Rewards { get; }
    public bool[] Terminated { get; }
    public bool[] Truncated { get; }

    public void Reset(int seed)
    {
        for (int i = 0; i < Count; i++)
        {
            _rngs[i] = CartPoleEnv.Seeded(seed + i); // copy i seeded seed + i, as Gymnasium's vector envs do
            ResetOne(i);
        }
    }

    public void Step(ReadOnlySpan<float> actions)
    {
        if (actions.Length != Count)
            throw new ArgumentException($"expected {Count} actions, got {actions.Length}", nameof(actions));
        var obs = Observations;
        for (int i = 0; i < _x.Length; i++)
        {
            bool terminated = CartPoleDynamics.Step(ref _x[i], ref _xDot[i], ref _theta[i], ref _thetaDot[i], actions[i] >= 0.5f ? 1 : 0);
            bool truncated = ++_steps[i] >= CartPoleDynamics.MaxEpisodeSteps;
            int o = i * 4;
            obs[o] = (float)_x[i];
            obs[o + 1] = (float)_xDot[i];
            obs[o + 2] = (float)_theta[i];
            obs[o + 3] = (float)_thetaDot[i];
            Rewards[i] = 1f;
            Terminated[i] = terminated;
            Truncated[i] = truncated;
            if (terminated | truncated)
            {
                obs.AsSpan(o, 4).CopyTo(FinalObservations.AsSpan(o, 4));
                ResetOne(i);
            }
        }
    }

    void ResetOne(int i)
    {
        var rng = _rngs[i];
        _x[i] = CartPoleDynamics.SampleInitial(rng);
        _xDot[i] = CartPoleDynamics.SampleInitial(rng);
        _theta[i] = CartPoleDynamics.SampleInitial(rng);
        _thetaDot[i] = CartPoleDynamics.SampleInitial(rng);
        _steps[i] = 0;
        int o = i * 4;
        Observations[o] = (float)_x[i];
        Observations[o + 1] = (float)_xDot[i];
        Observations[o + 2] = (float)_theta[i];
        Observations[o + 3] = (float)_thetaDot[i];
    }
}
