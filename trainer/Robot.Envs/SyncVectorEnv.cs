namespace Robot.Envs;

/// <summary>Any IEnv made vectorized by stepping N instances in turn (optionally on worker threads).</summary>
public sealed class SyncVectorEnv : IVectorEnv
{
    readonly IEnv[] _envs;
    readonly int _obs;
    readonly int _act;
    readonly int _workers;

    public SyncVectorEnv(Func<IEnv> factory, int count, int workers = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(workers, 1);
        _envs = new IEnv[count];
        for (int i = 0; i < count; i++) _envs[i] = factory();
        Spec = _envs[0].Spec;
        _obs = Spec.ObservationSize;
        _act = Spec.Action.Width;
        _workers = Math.Min(workers, count);
        Observations = new float[count * _obs];
        FinalObservations = new float[count * _obs];
        Rewards = new float[count];
        Terminated = new bool[count];
        Truncated = new bool[count];
    }

    public EnvSpec Spec { get; }
    public int Count => _envs.Length;
    public float[] Observations { get; }
    public float[] FinalObservations { get; }
    public float[] Rewards { get; }
    public bool[] Terminated { get; }
    public bool[] Truncated { get; }

    public void Reset(int seed)
    {
        for (int i = 0; i < _envs.Length; i++)
            _envs[i].Reset(seed + i, Observations.AsSpan(i * _obs, _obs));
    }

    public void Step(ReadOnlySpan<float> actions)
    {
        if (actions.Length != _envs.Length * _act)
            throw new ArgumentException($"expected {_envs.Length * _act} action values, got {actions.Length}", nameof(actions));
        if (_workers == 1)
        {
            for (int i = 0; i < _envs.Length; i++) StepOne(i, actions.Slice(i * _act, _act));
            return;
        }
        // Expensive environments (the uniwheel plant at a high integration rate) step on several cores.
        float[] copy = actions.ToArray();
        Parallel.For(0, _workers, w =>
        {
            for (int i = w; i < _envs.Length; i += _workers) StepOne(i, copy.AsSpan(i * _act, _act));
        });
    }

    void StepOne(int i, ReadOnlySpan<float> action)
    {
        var obs = Observations.AsSpan(i * _obs, _obs);
        var result = _envs[i].Step(action, obs);
        Rewards[i] = result.Reward;
        Terminated[i] = result.Terminated;
        Truncated[i] = result.Truncated;
        if (result.Done)
        {
            obs.CopyTo(FinalObservations.AsSpan(i * _obs, _obs));
            _envs[i].Reset(null, obs);
        }
    }
}
