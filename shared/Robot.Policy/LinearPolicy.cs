namespace Robot.Policy;

/// <summary>
/// A linear state-feedback controller as a policy file: one identity layer, action = gains . observation,
/// clipped to [-1, 1], no normalization. Classical baselines (the LQR) run through the same runtime,
/// on the same observations, as learned policies.
/// </summary>
public static class LinearPolicy
{
    public static PolicyModel Create(string[] observationNames, float[] gains, IReadOnlyList<KeyValuePair<string, string>> metadata)
    {
        int n = observationNames.Length;
        if (gains.Length != n) throw new ArgumentException($"{gains.Length} gains for {n} observations");
        var layer = new DenseLayer(n, 1, Activation.Identity, (float[])gains.Clone(), [0f]);
        return new PolicyModel(observationNames, ActionKind.Continuous, 1, OutputTransform.Clip, [-1f], [1f], [1f], [0f],
            new float[n], Enumerable.Repeat(1f, n).ToArray(), 1e9f, [layer],
            metadata.Select(m => m.Key).ToArray(), metadata.Select(m => m.Value).ToArray());
    }
}
