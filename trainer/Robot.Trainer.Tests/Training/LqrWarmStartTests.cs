using Robot.Dynamics.Plant;
using Robot.Envs;
using Robot.Trainer.Policies;
using Robot.Trainer.Training;
using static TorchSharp.torch;

namespace Robot.Trainer.Tests.Training;

/// <summary>The LQR warm start: the clone answers as the LQR does, out to the tilts warm_start_reach asks for.</summary>
public class LqrWarmStartTests
{
    /// <summary>Upright at rest but for the tilt, falling forward at 1 rad/s: tilts the noised episodes seldom reach, where faults take the robot.</summary>
    static readonly float[][] FarStates = [.. new[] { 0.12f, 0.16f, 0.2f, -0.12f, -0.16f, -0.2f }.Select(p => new[] { p, 2 * p, 0f, 0f, 0f })];

    /// <summary>The clone's mean duty against the LQR's, mean absolute difference over <see cref="FarStates"/>.</summary>
    static double FarError(double reach)
    {
        random.manual_seed(5);
        var hp = new TrainingOptions { NormalizeObservations = true, LqrWarmStart = true, WarmStartSteps = 16_384, WarmStartNoise = 0.2, WarmStartReach = reach };
        var settings = new RunSettings(hp, new Robot.Trainer.Algorithms.PpoOptions());
        var rng = new Random(5);
        var agent = AgentFactory.Create(EnvRegistry.Spec("uniwheel"), settings, 5, rng);
        var env = EnvRegistry.CreateVector("uniwheel", 8);
        var plant = new UniwheelParameters();
        LqrWarmStart.Run(agent, env, plant, hp, 5, rng);

        var lqr = Robot.Trainer.Export.LqrPolicyFile.Create(plant);
        var duty = new float[1];
        double error = 0;
        using (no_grad())
            foreach (var s in FarStates)
            {
                Assert.True(lqr.Act(s, duty, lqr.CreateWorkspace()));
                using var mean = ((GaussianPolicy)agent.Policy).forward(tensor(s, [1, s.Length]));
                error += Math.Abs(Math.Clamp(mean.data<float>()[0], -1f, 1f) - duty[0]);
            }
        return error / FarStates.Length;
    }

    [Fact]
    public void TheReachTeachesTheLqrsAnswerAtTiltsItsEpisodesSeldomReach()
    {
        double within = FarError(1), reaching = FarError(3);
        Assert.True(reaching < 0.1, $"with warm_start_reach 3 the clone is {reaching:F3} of duty from the LQR at large tilts");
        Assert.True(reaching < within / 2, $"reach 3: {reaching:F3} of duty from the LQR; the episodes alone: {within:F3}");
    }

    [Fact]
    public void AReachBelowOneIsRefusedByName() =>
        Assert.Equal("warm_start_reach must be 1 to 100", new TrainingOptions { WarmStartReach = 0.5 }.Validate());
}
