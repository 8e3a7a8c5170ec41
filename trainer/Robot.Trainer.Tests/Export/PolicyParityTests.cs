using System.Globalization;
using Robot.Envs.CartPole;
using Robot.Policy;
using Robot.Trainer.Export;
using Robot.Trainer.Policies;
using Robot.Trainer.Training;
using static TorchSharp.torch;

namespace Robot.Trainer.Tests.Export;

/// <summary>
/// The robot's runtime reading an exported file computes what the TorchSharp policy computes:
/// on thousands of random and recorded observations, for every policy kind the trainer has.
/// </summary>
[Collection(TorchCollection.Name)]
public class PolicyParityTests
{
    public static TheoryData<int[], int> Kinds => new()
    {
        { Array.Empty<int>(), 1 },   // linear softmax
        { new[] { 64, 64 }, 2 },     // MLP softmax, as trained on CartPole
        { new[] { 16 }, 3 },
    };

    static float[][] Observations()
    {
        var rng = new Random(4);
        var random = Enumerable.Range(0, 3000).Select(_ => new[]
        {
            (float)(rng.NextDouble() * 4.8 - 2.4), (float)(rng.NextDouble() * 6 - 3),
            (float)(rng.NextDouble() * 0.42 - 0.21), (float)(rng.NextDouble() * 6 - 3),
        });
        var recorded = File.ReadLines(Path.Combine(RepoPaths.GymnasiumReference, "cartpole-v1-balancing.csv")).Skip(1)
            .Select(l => l.Split(',').Skip(3).Take(4).Select(v => (float)double.Parse(v, CultureInfo.InvariantCulture)).ToArray());
        return random.Concat(recorded).ToArray();
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void RuntimeMatchesTorchSharpWithinOneHundredThousandth(int[] hidden, int seed)
    {
        random.manual_seed(seed);
        var policy = new SoftmaxPolicy(CartPoleDynamics.Spec, hidden);
        // Trained policies have large output weights; the initial 0.01 gain would make the test too easy.
        using (no_grad()) foreach (var p in policy.parameters()) p.mul_(40f).add_(0.1f);
        var state = new RunState { Env = "cartpole", Seed = seed, Settings = new RunSettings(new TrainingOptions(), new Robot.Trainer.Algorithms.PpoOptions()) };
        var model = PolicyReader.Read(PolicyWriter.Write(PolicyExporter.ToModel(policy, state)), 4, ActionKind.Discrete, 2);

        var observations = Observations();
        Assert.True(observations.Length > 5000);
        float[] torchLogits;
        using (no_grad())
        using (var batch = tensor(observations.SelectMany(o => o).ToArray(), [observations.Length, 4]))
        using (var logits = policy.forward(batch))
            torchLogits = logits.data<float>().ToArray();

        var ws = model.CreateWorkspace();
        var output = new float[2];
        var action = new float[1];
        double worst = 0;
        int disagreements = 0;
        for (int k = 0; k < observations.Length; k++)
        {
            Assert.True(model.Forward(observations[k], output, ws));
            for (int j = 0; j < 2; j++)
            {
                double expected = torchLogits[k * 2 + j];
                worst = Math.Max(worst, Math.Abs(output[j] - expected) / Math.Max(Math.Abs(expected), 1.0));
            }
            Assert.True(model.Act(observations[k], action, ws));
            int torchAction = torchLogits[k * 2 + 1] > torchLogits[k * 2] ? 1 : 0;
            if ((int)action[0] != torchAction && Math.Abs(torchLogits[k * 2 + 1] - torchLogits[k * 2]) > 1e-4) disagreements++;
        }
        Assert.True(worst < 1e-5, $"worst relative difference {worst:E2}");
        Assert.Equal(0, disagreements);
        Assert.Equal(policy.Kind, model.Metadata("policy"));
    }

    [Fact]
    public void GaussianPolicyMeanMatchesTheRuntimeAndIsClippedToTheDutyRange()
    {
        random.manual_seed(4);
        var spec = Robot.Envs.EnvRegistry.Spec("uniwheel");
        var policy = new GaussianPolicy(spec, [64, 64], normalizeObservations: true);
        using (no_grad()) foreach (var p in policy.parameters()) p.mul_(20f).add_(0.05f);
        // Statistics far from the identity, so the baked-in normalization matters.
        var data = new Random(9);
        for (int batch = 0; batch < 3; batch++)
            policy.Normalizer.Update(Enumerable.Range(0, 500 * 5).Select(i => (float)(0.3 * (i % 5) + (i % 5 + 1) * 0.2 * (data.NextDouble() - 0.5))).ToArray(), 500);
        var state = new RunState { Env = "uniwheel", Seed = 4, Settings = new RunSettings(new TrainingOptions(), new Robot.Trainer.Algorithms.PpoOptions()) };
        var model = PolicyReader.Read(PolicyWriter.Write(PolicyExporter.ToModel(policy, state)), 5, ActionKind.Continuous, 1);
        var rng = new Random(2);
        var observations = Enumerable.Range(0, 5000).Select(_ => Enumerable.Range(0, 5).Select(_ => (float)(rng.NextDouble() * 2 - 1)).ToArray()).ToArray();
        float[] means;
        using (no_grad())
        using (var batch = tensor(observations.SelectMany(o => o).ToArray(), [observations.Length, 5]))
        using (var mean = policy.forward(batch))
            means = mean.data<float>().ToArray();
        var ws = model.CreateWorkspace();
        var output = new float[1];
        var action = new float[1];
        double worst = 0;
        int clipped = 0;
        for (int k = 0; k < observations.Length; k++)
        {
            Assert.True(model.Forward(observations[k], output, ws));
            worst = Math.Max(worst, Math.Abs(output[0] - means[k]) / Math.Max(Math.Abs(means[k]), 1.0));
            Assert.True(model.Act(observations[k], action, ws));
            Assert.True(Math.Abs(Math.Clamp(means[k], -1f, 1f) - action[0]) < 1e-5, $"action {action[0]} for mean {means[k]}");
            if (Math.Abs(means[k]) > 1) clipped++;
        }
        Assert.True(worst < 1e-5, $"worst relative difference {worst:E2}");
        Assert.True(clipped > 100, "the test should exercise clipping");
        Assert.Equal("gaussian_mlp", model.Metadata("policy"));
        Assert.True(Math.Abs(model.NormMean(4) - 1.2f) < 0.01 && model.NormClip == 10f, "the file must carry the learned statistics");
    }

    [Fact]
    public void TrainWritesAPolicyFileThatEvaluatesLikeTheCheckpoint()
    {
        string dir = Path.Combine(Path.GetTempPath(), "robot-export-" + Guid.NewGuid().ToString("N"));
        try
        {
            var summary = TrainingSession.Run(new TrainRequest { OutDir = dir, Algo = "ppo", Seed = 1, Steps = 20_000 }, CancellationToken.None);
            Assert.NotNull(summary.PolicyFile);
            var model = PolicyFile.Load(summary.PolicyFile!);
            Assert.Equal("ppo", model.Metadata("algorithm"));
            Assert.Equal("CartPole-v1", model.Metadata("env"));
            Assert.Equal(summary.EnvSteps.ToString(CultureInfo.InvariantCulture), model.Metadata("env_steps"));
            var fromFile = Evaluator.Evaluate("cartpole", model, 10, seed: 77);
            var fromTorch = Evaluator.Evaluate("cartpole", Robot.Trainer.Cli.EvalCommand.Load(dir, "cartpole"), 10, seed: 77);
            Assert.Equal(fromTorch.Returns, fromFile.Returns);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }
}
