namespace Robot.Envs;

/// <summary>
/// A reflection an environment is exactly invariant under: from the mirrored state, the mirrored
/// action leads to the mirrored next state with the same reward and the same ending, and the
/// initial states are as likely mirrored as not. Observations mirror by flipping the sign of
/// the entries marked -1; discrete actions mirror by reversing their order (CartPole's left and
/// right swap), continuous ones by flipping the sign of the entries marked -1.
/// A trainer may then learn from every transition twice (mirror_augmentation).
/// </summary>
public sealed record MirrorSymmetry
{
    public MirrorSymmetry(IReadOnlyList<float> observationSigns, IReadOnlyList<float>? actionSigns = null)
    {
        if (observationSigns.Any(s => s is not (1f or -1f)) || (actionSigns?.Any(s => s is not (1f or -1f)) ?? false))
            throw new ArgumentException("mirror signs must be +1 or -1");
        ObservationSigns = observationSigns;
        ActionSigns = actionSigns;
    }

    public IReadOnlyList<float> ObservationSigns { get; }

    /// <summary>Sign per continuous action entry; null for discrete actions, which reverse their order.</summary>
    public IReadOnlyList<float>? ActionSigns { get; }

    /// <summary>Writes the mirror of <paramref name="observations"/> (any number of rows) into <paramref name="mirrored"/>.</summary>
    public void MirrorObservations(ReadOnlySpan<float> observations, Span<float> mirrored)
    {
        int size = ObservationSigns.Count;
        for (int k = 0; k < observations.Length; k++) mirrored[k] = observations[k] * ObservationSigns[k % size];
    }

    /// <summary>Checks that this symmetry fits <paramref name="spec"/>; returns the problem or null.</summary>
    public string? Check(EnvSpec spec)
    {
        if (ObservationSigns.Count != spec.ObservationSize)
            return $"{spec.Id}'s mirror has {ObservationSigns.Count} observation signs for {spec.ObservationSize} observations";
        if (spec.Action.IsDiscrete != ActionSigns is null)
            return spec.Action.IsDiscrete ? $"{spec.Id}'s discrete actions mirror by order, not by sign"
                : $"{spec.Id}'s mirror needs one sign per continuous action";
        if (ActionSigns is not null && ActionSigns.Count != spec.Action.Size)
            return $"{spec.Id}'s mirror has {ActionSigns.Count} action signs for {spec.Action.Size} actions";
        return null;
    }
}
