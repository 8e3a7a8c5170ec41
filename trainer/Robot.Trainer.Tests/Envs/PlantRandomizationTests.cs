using Robot.Dynamics.Plant;
using Robot.Envs.Uniwheel;

namespace Robot.Trainer.Tests.Envs;

public class PlantRandomizationTests
{
    static readonly PlantFile Identified = new()
    {
        Parameters = new UniwheelParameters { TorqueConstant = 0.18, BackEmfConstant = 0.18, Resistance = 3.1, BodyMass = 1.5 },
        // Tight (3 sigma below the floor), medium, and wider than the default spread.
        RelativeUncertainty = new() { ["torque_constant"] = 0.001, ["resistance"] = 0.03, ["coulomb_friction"] = 0.5 },
    };

    [Fact]
    public void SpreadsFollowTheRule()
    {
        var options = new PlantRandomization(Identified).Options();
        Assert.Equal(PlantRandomization.DefaultFloor, options.SpreadOf("torque_constant")); // 3 x 0.1 % is under the 5 % floor
        Assert.Equal(0.09, options.SpreadOf("resistance"), 12);                              // 3 x 3 %
        Assert.Equal(0.4, options.SpreadOf("coulomb_friction"));                             // capped at the default (2 x 20 %)
        Assert.Equal(0.2, options.SpreadOf("body_mass"));                                    // not identified: the default spread
        var stricter = new PlantRandomization(Identified, Sigmas: 1, Floor: 0.01).Options();
        Assert.Equal(0.01, stricter.SpreadOf("torque_constant"));
        Assert.Equal(0.03, stricter.SpreadOf("resistance"), 12);
    }

    [Fact]
    public void EpisodesDrawTheRobotAroundTheIdentifiedValues()
    {
        var env = new PlantRandomization(Identified).CreateEnv();
        var obs = new float[env.Spec.ObservationSize];
        var k = new List<double>();
        var mass = new List<double>();
        for (int seed = 0; seed < 300; seed++)
        {
            env.Reset(seed, obs);
            k.Add(env.Parameters.TorqueConstant);
            mass.Add(env.Parameters.BodyMass);
        }
        Assert.All(k, v => Assert.InRange(v, 0.18 * 0.95, 0.18 * 1.05));
        Assert.All(mass, v => Assert.InRange(v, 1.5 * 0.8, 1.5 * 1.2));
        Assert.True(k.Max() - k.Min() > 0.18 * 0.08, "the identified parameter still varies across episodes");
        Assert.True(mass.Max() - mass.Min() > 1.5 * 0.35, "an unidentified parameter keeps the default spread");
    }

    [Fact]
    public void TheBuiltInRobotIsRandomizedAsBefore()
    {
        // No plant file: the same draws as the built-in randomization always made (seeded runs stay reproducible).
        var a = new UniwheelEnv();
        var b = new UniwheelEnv(new UniwheelEnvOptions { ParameterSpreads = new Dictionary<string, double>() });
        var obs = new float[a.Spec.ObservationSize];
        a.Reset(7, obs);
        b.Reset(7, obs);
        Assert.Equal(a.Parameters, b.Parameters);
        Assert.NotEqual(new UniwheelParameters(), a.Parameters);
    }
}
