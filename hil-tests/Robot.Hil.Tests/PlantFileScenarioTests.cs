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
