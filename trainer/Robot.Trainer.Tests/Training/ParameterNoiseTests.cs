using Robot.Envs;
using Robot.Trainer.Policies;
using Robot.Trainer.Training;
using static TorchSharp.torch;

namespace Robot.Trainer.Tests.Training;

/// <summary>param_noise: the weights' noise goes on and off around a rollout and its update, and its scale follows the paper's rule.</summary>
[Collection(TorchCollection.Name)]
public class ParameterNoiseTests : IDisposable
{
    readonly TempFolder _temp = new("robot-pnoise-");

    public void Dispose() => _temp.Dispose();

    static GaussianPolicy Policy()
    {
        random.manual_seed(5);
        return new GaussianPolicy(EnvRegistry.Spec("uniwheel"), [16, 16]);
    }

    static float[] Weights(GaussianPolicy p) => p.parameters().SelectMany(t => t.data<float>().ToArray()).ToArray();

    static float[] Observations(int rows)
    {
        var rng = new Random(2);
        return Enumerable.Range(0, rows * EnvRegistry.Spec("uniwheel").ObservationSize).Select(_ => (float)(rng.NextDouble() - 0.5)).ToArray();
    }

    [Fact]
    public void TheNoiseChangesTheMeanNetworkOnlyAndComesOffAgain()
    {
        var policy = Policy();
        float[] before = Weights(policy), logStd = policy.LogStd();
        var noise = new ParameterNoise(policy, sigma: 0.1, target: 0.1);
        noise.Perturb();
        float[] perturbed = Weights(policy);
        Assert.True(before.Zip(perturbed).Count(p => p.First != p.Second) > before.Length / 2, "most weights perturbed");
        Assert.Equal(logStd, policy.LogStd()); // the action noise is the policy's own, untouched
        Assert.Throws<InvalidOperationException>(noise.Perturb); // never twice
        noise.Remove();
        Assert.True(before.Zip(Weights(policy)).All(p => Math.Abs(p.First - p.Second) < 1e-6), "off again, to float rounding");
    }

    [Fact]
    public void SigmaShrinksWhenThePerturbedActionsLieFartherThanTheTargetAndGrowsOtherwise()
    {
        var obs = Observations(256);
        var far = new ParameterNoise(Policy(), sigma: 1.0, target: 1e-6);
        double distance = far.Adapt(obs, 256);
        Assert.True(distance > 1e-6);
        Assert.Equal(1.0 / ParameterNoise.Adaptation, far.Sigma, 12);
        var near = new ParameterNoise(Policy(), sigma: 1e-4, target: 10);
        near.Adapt(obs, 256);
        Assert.Equal(1e-4 * ParameterNoise.Adaptation, near.Sigma, 12);
        // The adaptation leaves the policy as it found it.
        var policy = Policy();
        float[] before = Weights(policy);
        new ParameterNoise(policy, 0.5, 0.1).Adapt(obs, 256);
        Assert.True(before.Zip(Weights(policy)).All(p => Math.Abs(p.First - p.Second) < 1e-6));
    }

    [Fact]
    public void ATrainingRunAdaptsSigmaOnceAnUpdateAndKeepsItInTheCheckpoint()
    {
        string Run(string name, params string[] extra)
        {
            string dir = Path.Combine(_temp.Root, name);
            TrainingSession.Run(new TrainRequest { OutDir = dir, Env = "uniwheel", Algo = "ppo", Seed = 3, Steps = 4_096,
                Overrides = ["n_envs=4", "n_steps=256", "deploy_episodes=2", .. extra] }, CancellationToken.None);
            return dir;
        }
        string noisy = Run("noisy", "param_noise=true", "param_noise_std=0.05");
        var state = Checkpoint.ReadState(noisy);
        Assert.NotNull(state.ParamNoiseStd);
        // Four updates, each moving sigma by 1 % one way or the other.
        double steps = Math.Log(state.ParamNoiseStd!.Value / 0.05) / Math.Log(ParameterNoise.Adaptation);
        int moves = (int)Math.Round(steps);
        Assert.True(Math.Abs(steps - moves) < 1e-6 && Math.Abs(moves) <= 4 && moves % 2 == 0, $"sigma moved {steps} steps");
        Assert.Null(Checkpoint.ReadState(Run("plain")).ParamNoiseStd);
        Assert.Throws<ArgumentException>(() => TrainingSession.Run(new TrainRequest { OutDir = Path.Combine(_temp.Root, "discrete"), Env = "cartpole", Algo = "ppo",
            Seed = 1, Steps = 1_024, Overrides = ["param_noise=true"] }, CancellationToken.None));
    }
}
