using Robot.Envs;
using Robot.Envs.CartPole;
using Robot.Trainer.Policies;
using Robot.Trainer.Rollout;
using Robot.Trainer.Training;
using static TorchSharp.torch;

namespace Robot.Trainer.Tests.Rollout;

/// <summary>The managed rollout actor computes what acting through TorchSharp computes, and sees every update.</summary>
[Collection(TorchCollection.Name)]
public class RolloutActorTests
{
    const int Rows = 4000;

    /// <summary>CartPole's softmax policy and its value network, with trained-size weights and live normalization.</summary>
    static (SoftmaxPolicy Policy, ValueNetwork Value, float[] Observations) Networks(int seed) =>
        Networks(seed, () => new SoftmaxPolicy(CartPoleDynamics.Spec, [64, 64], normalizeObservations: true), column => column is 1 or 3 ? 6 : 1, offset: 0.3);

    static (TPolicy Policy, ValueNetwork Value, float[] Observations) Networks<TPolicy>(
        int seed, Func<TPolicy> createPolicy, Func<int, double> columnScale, double offset) where TPolicy : StochasticPolicy
    {
        random.manual_seed(seed);
        var policy = createPolicy();
        int size = policy.Spec.ObservationSize;
        var value = new ValueNetwork(policy.Spec, [64, 64], policy.Normalizer);
        // Trained networks have large weights: the initial ones would make agreement too easy.
        using (no_grad()) foreach (var p in policy.parameters().Concat(value.parameters())) p.mul_(30f).add_(0.05f);
        var rng = new Random(seed);
        var obs = new float[Rows * size];
        for (int i = 0; i < obs.Length; i++) obs[i] = (float)((rng.NextDouble() - offset) * columnScale(i % size));
        policy.Normalizer.Update(obs, Rows); // non-trivial mean and scale
        return (policy, value, obs);
    }

    [Fact]
    public void ManagedActorMatchesTorchInLogProbabilitiesValuesAndSampledActions()
    {
        var (policy, value, obs) = Networks(3);
        IRolloutActor torchActor = new TorchRolloutActor(policy, value), managed = new RuntimeRolloutActor(policy, value);
        torchActor.Refresh();
        managed.Refresh();
        var (torchActions, torchLogProbs, torchValues) = (new float[Rows], new float[Rows], new float[Rows]);
        var (actions, logProbs, values) = (new float[Rows], new float[Rows], new float[Rows]);
        torchActor.Act(obs, Rows, new Random(9), torchActions, torchLogProbs);
        managed.Act(obs, Rows, new Random(9), actions, logProbs);
        torchActor.Values(obs, Rows, torchValues);
        managed.Values(obs, Rows, values);

        Assert.Equal(torchActions, actions);
        Assert.Contains(torchLogProbs, lp => lp < -1); // the policy is far from uniform: a real comparison
        AssertClose(torchLogProbs, logProbs);
        AssertClose(torchValues, values);
    }

    [Fact]
    public void ManagedActorRefusesANonFiniteObservationByRow()
    {
        var (policy, value, obs) = Networks(4);
        var managed = new RuntimeRolloutActor(policy, value);
        managed.Refresh();
        obs[2 * 4 + 1] = float.NaN;
        var error = Assert.Throws<InvalidOperationException>(() => managed.Act(obs, 3, new Random(1), new float[3], new float[3]));
        Assert.Contains("row 2", error.Message);
    }

    [Fact]
    public void ManagedActorSeesNewParametersOnlyAfterRefresh()
    {
        var (policy, value, obs) = Networks(5);
        var managed = new RuntimeRolloutActor(policy, value);
        managed.Refresh();
        var before = new float[Rows];
        managed.Values(obs, Rows, before);
        using (no_grad()) foreach (var p in value.parameters()) p.add_(0.5f);

        var stale = new float[Rows];
        managed.Values(obs, Rows, stale);
        Assert.Equal(before, stale); // a rollout acts with one policy throughout

        managed.Refresh();
        var fresh = new float[Rows];
        managed.Values(obs, Rows, fresh);
        var torchValues = new float[Rows];
        value.Predict(obs, Rows, 4, torchValues);
        Assert.NotEqual(before, fresh);
        AssertClose(torchValues, fresh);
    }

    /// <summary>Float rounding only: within a millionth of the batch's largest magnitude (summation orders differ).</summary>
    static void AssertClose(float[] expected, float[] actual)
    {
        double scale = Math.Max(1, expected.Max(Math.Abs));
        double worst = expected.Zip(actual, (e, a) => Math.Abs(e - a)).Max();
        Assert.True(worst <= 1e-6 * scale * 10, $"worst difference {worst:G3} at scale {scale:G3}");
    }

    [Fact]
    public void ManagedActorMatchesTorchForAGaussianPolicy()
    {
        var spec = EnvRegistry.Spec("uniwheel");
        var (policy, value, obs) = Networks(2, () => new GaussianPolicy(spec, [64, 64], normalizeObservations: true), column => 1 + column, offset: 0.4);
        IRolloutActor torchActor = IRolloutActor.Create(policy, value, RolloutInference.Torch),
            managed = IRolloutActor.Create(policy, value, RolloutInference.Runtime);
        Assert.IsType<RuntimeRolloutActor>(managed);
        torchActor.Refresh();
        managed.Refresh();
        int width = spec.Action.Size;
        var (torchActions, torchLogProbs, torchValues) = (new float[Rows * width], new float[Rows], new float[Rows]);
        var (actions, logProbs, values) = (new float[Rows * width], new float[Rows], new float[Rows]);
        torchActor.Act(obs, Rows, new Random(9), torchActions, torchLogProbs);
        managed.Act(obs, Rows, new Random(9), actions, logProbs);
        torchActor.Values(obs, Rows, torchValues);
        managed.Values(obs, Rows, values);

        Assert.True(torchActions.Max(Math.Abs) > 1, "the means must be far from zero for a real comparison");
        AssertClose(torchActions, actions); // mean + std * z: the same z, means equal to rounding
        Assert.Equal(torchLogProbs, logProbs);
        AssertClose(torchValues, values);
    }

    [Fact]
    public void AnUnknownInferenceModeIsAHyperparameterError()
    {
        var error = Assert.Throws<ArgumentException>(() => Presets.Load("cartpole", "ppo", overrides: ["rollout_inference=gpu"]));
        Assert.Contains("rollout_inference", error.Message);
    }
}
