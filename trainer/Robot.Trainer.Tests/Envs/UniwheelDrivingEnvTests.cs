using Robot.Dynamics.Plant;
using Robot.Envs;
using Robot.Envs.Uniwheel;
using Robot.Observation;
using Robot.Trainer.Export;
using Robot.Trainer.Training;

namespace Robot.Trainer.Tests.Envs;

/// <summary>uniwheel-drive: velocity profiles within the envelope, the command in the observation, tracking in the reward.</summary>
public class UniwheelDrivingEnvTests
{
    [Fact]
    public void TheDrivingObservationIsTheContractsLayout()
    {
        var spec = EnvRegistry.Spec("uniwheel-drive");
        Assert.Equal("UniwheelDrive-v0", spec.Id);
        Assert.Equal(ObservationLayout.DrivingNames, spec.ObservationNames);
        Assert.Equal(ObservationLayout.Names, EnvRegistry.Spec("uniwheel").ObservationNames);
    }

    [Fact]
    public void ProfilesStartStillStayWithinTheEnvelopeAndReachIt()
    {
        var profile = new VelocityProfile();
        var rng = new Random(1);
        double largest = 0;
        int moving = 0;
        for (int episode = 0; episode < 200; episode++)
        {
            profile.Draw(rng, 10);
            Assert.Equal(0, profile.TargetAt(0));
            Assert.Equal(0, profile.TargetAt(0.49));
            bool moved = false;
            for (double t = 0; t < 10; t += 0.01)
            {
                double v = profile.TargetAt(t);
                Assert.InRange(v, -VelocityReference.MaxSpeed, VelocityReference.MaxSpeed);
                largest = Math.Max(largest, Math.Abs(v));
                moved |= v != 0;
            }
            if (moved) moving++;
        }
        Assert.True(largest > 0.45, $"the profiles never come near the envelope's edge ({largest:F2})");
        Assert.InRange(moving, 130, 190); // about a fifth stay still
    }

    [Fact]
    public void TheObservationCarriesTheCommandAndTheLqrFollowsIt()
    {
        var env = new UniwheelEnv(UniwheelEnvOptions.Drive with { Randomize = false, PushesPerSecond = 0 });
        var obs = new float[ObservationLayout.DrivingSize];
        int seed = Enumerable.Range(0, 100).First(s => { env.Reset(s, obs); return Enumerable.Range(0, 400).Any(_ => { env.Step([0f], obs); return env.Target != 0; }); });
        env.Reset(seed, obs);
        for (int k = 0; k < 400; k++)
        {
            env.Step([0f], obs);
            Assert.Equal((float)env.Target, obs[ObservationLayout.TargetVelocity]);
        }
        // The driving LQR follows the command: its speed error (step transients included) is below what standing still would score.
        var tracking = UniwheelEvaluation.Evaluate(LqrPolicyFile.Create(new UniwheelParameters(), driving: true), 20, 0);
        Assert.True(tracking.CommandRms > 0.1, $"the profiles hardly move ({tracking.CommandRms:F3} m/s rms)");
        Assert.True(tracking.SpeedRmsError < 0.85 * tracking.CommandRms, $"driving LQR: speed error rms {tracking.SpeedRmsError:F3} m/s for commands of {tracking.CommandRms:F3} rms");
    }
}
