using Robot.Envs;
using Robot.Policy;
using Robot.Trainer.Export;
using Robot.Trainer.Policies;
using Robot.Trainer.Training;
using static TorchSharp.torch;

namespace Robot.Trainer.Tests.Policies;

[Collection(TorchCollection.Name)]
public class OddPolicyTests
{
    /// <summary>A policy with weights far from their start and statistics of data far from symmetric, exported and read back.</summary>
    static PolicyModel Exported(bool odd)
    {
        random.manual_seed(5);
        var spec = EnvRegistry.Spec("uniwheel");
        var policy = new GaussianPolicy(spec, [32, 32], normalizeObservations: true, odd: odd);
        using (no_grad()) foreach (var p in policy.parameters()) p.mul_(5f).add_(0.1f);
        var data = new Random(9);
        policy.Normalizer.Update(Enumerable.Range(0, 400 * 5).Select(i => (float)(0.5 + (i % 5) + data.NextDouble())).ToArray(), 400);
        var state = new RunState { Env = "uniwheel", Seed = 5, Settings = new RunSettings(new TrainingOptions { OddPolicy = odd }, new Robot.Trainer.Algorithms.PpoOptions()) };
        return PolicyReader.Read(PolicyWriter.Write(PolicyExporter.ToModel(policy, state)), 5, ActionKind.Continuous, 1);
    }

    static double WorstAsymmetry(PolicyModel model)
    {
        var rng = new Random(3);
        var ws = model.CreateWorkspace();
        var plus = new float[1];
        var minus = new float[1];
        double worst = 0;
        for (int k = 0; k < 500; k++)
        {
            var o = Enumerable.Range(0, 5).Select(_ => (float)(rng.NextDouble() * 4 - 2)).ToArray();
            Assert.True(model.Forward(o, plus, ws));
            Assert.True(model.Forward(o.Select(x => -x).ToArray(), minus, ws));
            worst = Math.Max(worst, Math.Abs(plus[0] + minus[0]));
        }
        return worst;
    }

    [Fact]
    public void AnOddPolicyRunByTheRobotsRuntimeMirrorsEveryObservationsAction()
    {
        var model = Exported(odd: true);
        Assert.True(WorstAsymmetry(model) < 1e-5, $"pi(-o) + pi(o) up to {WorstAsymmetry(model):E2}");
        var zero = new float[1];
        Assert.True(model.Forward(new float[5], zero, model.CreateWorkspace()));
        Assert.Equal(0f, zero[0], 1e-6f); // the runtime's tanh is exact to float rounding
        // The same weights and statistics with biases and centring are not: the test can tell.
        Assert.True(WorstAsymmetry(Exported(odd: false)) > 1e-2);
    }

    [Fact]
    public void UncentredNormalizationKeepsTheMeanAtZeroAndScalesByTheSecondMoment()
    {
        var normalizer = new ObservationNormalizer(1, enabled: true, centred: false);
        normalizer.Update([1f, 3f, 1f, 3f], 4);
        var (mean, std, _) = normalizer.Export();
        Assert.Equal(0f, mean[0]);
        Assert.Equal(Math.Sqrt(5.0), std[0], 4); // sqrt(E[x^2]) = sqrt((1 + 9) / 2)
    }

    [Theory]
    [InlineData("cartpole", "discrete actions")]
    public void AnOddPolicyIsRefusedWhereItCannotBeOne(string env, string reason)
    {
        var settings = new RunSettings(new TrainingOptions { OddPolicy = true }, new Robot.Trainer.Algorithms.PpoOptions());
        var e = Assert.Throws<ArgumentException>(() => AgentFactory.Create(EnvRegistry.Spec(env), settings, 0, new Random(0)));
        Assert.StartsWith("odd_policy: ", e.Message);
        Assert.Contains(reason, e.Message);
    }

    [Fact]
    public void AMirrorThatKeepsAnEntryCannotCarryAnOddPolicy()
    {
        var spec = EnvRegistry.Spec("uniwheel") with { Mirror = new MirrorSymmetry([-1, -1, 1, -1, -1], [-1]) };
        Assert.Contains("flips every observation", GaussianPolicy.OddProblem(spec));
        Assert.Contains("no mirror symmetry", GaussianPolicy.OddProblem(spec with { Mirror = null }));
        Assert.Null(GaussianPolicy.OddProblem(EnvRegistry.Spec("uniwheel")));
        Assert.Null(GaussianPolicy.OddProblem(EnvRegistry.Spec("uniwheel-drive")));
    }
}
