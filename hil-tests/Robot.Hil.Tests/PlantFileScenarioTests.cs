using Robot.Dynamics.Plant;
using Robot.Hil.Scenarios;

namespace Robot.Hil.Tests;

/// <summary>robot-hil --plant: the scenarios run on an identified robot, changed by the same factors as they change the built-in one.</summary>
public class PlantFileScenarioTests
{
    // 50 % heavier, 40 % weaker motor: outside the default randomization.
    static readonly UniwheelParameters Identified = new() { BodyMass = 1.5, TorqueConstant = 0.18, BackEmfConstant = 0.18, Resistance = 3.1 };

    [Fact]
    public void AScenarioKeepsItsFactorsOnAnotherRobot()
    {
        var heavy = ScenarioFile.Load(Path.Combine(HilPaths.Scenarios, "params-heavy-tall.json"));
        var onRobot = heavy.OnRobot(Identified).Plant;
        var builtIn = new UniwheelParameters();
        Assert.Equal(1.5 * heavy.Plant.BodyMass / builtIn.BodyMass, onRobot.BodyMass, 12);        // 20 % heavier than the identified robot
        Assert.Equal(0.18 * heavy.Plant.TorqueConstant / builtIn.TorqueConstant, onRobot.TorqueConstant, 12);
        Assert.Equal(3.1, onRobot.Resistance, 12);                                               // untouched by the scenario: the robot's own

        var nominal = ScenarioFile.Load(Path.Combine(HilPaths.Scenarios, "nominal-60s.json"));
        Assert.Equal(Identified, nominal.OnRobot(Identified).Plant);
    }

    [Fact]
    public void PushesAreSizedForTheRobot()
    {
        var pushes = ScenarioFile.Load(Path.Combine(HilPaths.Scenarios, "pushes.json"));
        var builtIn = new UniwheelParameters();
        var light = builtIn with { BodyMass = 0.5, BodyComHeight = 0.05 };
        var sized = pushes.OnRobot(light).Pushes;
        double mass = (0.5 + builtIn.WheelMass) / (builtIn.BodyMass + builtIn.WheelMass);
        Assert.Equal(pushes.Pushes.Length, sized.Length);
        for (int i = 0; i < sized.Length; i++)
        {
            Assert.Equal(pushes.Pushes[i].Impulse * mass, sized[i].Impulse, 12); // the same change of speed
            Assert.Equal(pushes.Pushes[i].Height * 0.5, sized[i].Height, 12);    // the same point on a body half as tall
            Assert.Equal(pushes.Pushes[i].Time, sized[i].Time);
        }
        Assert.Equal(pushes.Pushes, pushes.OnRobot(builtIn).Pushes); // the built-in robot's are as written
    }

    /// <summary>
    /// fault-tilt needs a motor that turns the wheel at a collapsed battery: on a drive with a 1 V
    /// deadband and 5x the dry friction it does not apply, and says why; a failure it is not.
    /// </summary>
    [Fact]
    public void AScenarioWhosePremiseFailsOnTheRobotIsNotApplicableWithItsReason()
    {
        var tilt = ScenarioFile.Load(Path.Combine(HilPaths.Scenarios, "fault-tilt.json"));
        var sticky = new UniwheelParameters() with { Deadband = 1.0, CoulombFriction = 0.05, ViscousFriction = 0.006 };
        var policy = Robot.Policy.PolicyFile.Load(HilPaths.TrainedPolicy);
        var there = Robot.Hil.Running.HilRunner.Run(tilt.OnRobot(sticky), policy);
        Assert.NotNull(there.NotApplicable);
        Assert.Contains("at 2 V and duty limit 0.9", there.NotApplicable);
        Assert.False(there.Passed);
        var table = Robot.Hil.Reporting.SuiteTable.Format([there], "p.rpol");
        Assert.Contains("N/A", table);
        Assert.Contains("passed all 0 scenarios (1 not applicable to this robot)", table);
        // On the built-in robot it applies, and is run.
        var builtIn = Robot.Hil.Running.HilRunner.Run(tilt, policy);
        Assert.Null(builtIn.NotApplicable);
        Assert.True(builtIn.Passed);
        Assert.True(ScenarioPremise.FreeWheelRate(new UniwheelParameters(), 1.8) > 4); // (1.8 - 0.3 - 0.08) / 0.316
    }

    [Fact]
    public void TheCommandLineRunsAScenarioOnAPlantFileAndRefusesABadOne()
    {
        string dir = Directory.CreateTempSubdirectory("robot-hil-plant-").FullName;
        try
        {
            string plant = Path.Combine(dir, "robot-plant.json");
            File.WriteAllText(plant, System.Text.Json.JsonSerializer.Serialize(new PlantFile { Parameters = Identified }, PlantFile.Json));
            string[] Args(string policy, bool withPlant) =>
                ["run", "--policy", policy, "--scenario", Path.Combine(HilPaths.Scenarios, "nominal-60s.json"), "--duration", "12", .. withPlant ? new[] { "--plant", plant } : []];
            // The robot matters: the LQR designed for the built-in robot tilts past the scenario's 0.1 rad on this
            // heavier robot with a weaker motor, and holds it on the built-in one; the trained policy holds both.
            Assert.Equal(0, Robot.Hil.Cli.HilCli.Invoke(Args(HilPaths.LqrPolicy, withPlant: false)));
            Assert.Equal(Robot.Cli.ExitCode.Failed, Robot.Hil.Cli.HilCli.Invoke(Args(HilPaths.LqrPolicy, withPlant: true)));
            Assert.Equal(0, Robot.Hil.Cli.HilCli.Invoke(Args(HilPaths.TrainedPolicy, withPlant: true)));
            var args = Args(HilPaths.TrainedPolicy, withPlant: true);
            File.WriteAllText(plant, """{"format":"robot-plant/1","parameters":{"resistance":-1}}""");
            Assert.Equal(Robot.Cli.ExitCode.BadInput, Robot.Hil.Cli.HilCli.Invoke(args));
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }
}
