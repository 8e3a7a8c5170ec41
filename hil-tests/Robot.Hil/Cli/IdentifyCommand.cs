using Robot.Cli;
using System.CommandLine;
using Robot.Dynamics.Plant;
using Robot.Firmware.Identification;
using Robot.Hil.Reporting;
using Robot.Hil.Running;
using Robot.Hil.Scenarios;

namespace Robot.Hil.Cli;

/// <summary>
/// `robot-hil identify`: the firmware's identification experiment on the simulated robot a scenario
/// describes (its plant is the robot to identify, its mount the rig), in simulated time, writing the
/// log robot-firmware identify writes. For trying system identification, and for its tests, before
/// there is a robot.
/// </summary>
public static class IdentifyCommand
{
    public static Command Create()
    {
        var scenario = new Option<string>("--scenario") { Description = "The simulated robot (plant) and rig (mount: wheel_lifted for motor)", Required = true };
        var experiment = new Option<string>("--experiment") { Description = "The experiment: motor (mount wheel_lifted) or pendulum (mount hanging)", Required = true };
        experiment.AcceptOnlyFromAmong(Robot.Firmware.Cli.IdentifyCommand.Motor, Robot.Firmware.Cli.IdentifyCommand.Pendulum);
        var output = new Option<string>("--out") { Description = "The log to write (a new file)", Required = true };
        var plant = HilCli.PlantOption();
        var robotConfig = HilCli.ConfigOption();
        var command = new Command("identify", "Run robot-firmware's identification experiment against the simulated robot and write its log.\n" +
            "Example: robot-hil identify --scenario hil-tests/scenarios/identify/motor.json --experiment motor --out motor.csv") { scenario, experiment, output, plant, robotConfig };
        command.SetAction(parse => CommandLineHost.Guard(() =>
        {
            string outPath = parse.GetValue(output)!;
            InputFile.RequireNewOutput(outPath, "--out");
            var s = ScenarioFile.Load(parse.GetValue(scenario)!);
            if (HilCli.LoadPlant(parse.GetValue(plant)) is { } robot) s = s.OnRobot(robot);
            s = HilCli.WithConfig([s], parse.GetValue(robotConfig)).Single();
            bool pendulum = parse.GetValue(experiment) == Robot.Firmware.Cli.IdentifyCommand.Pendulum;
            var result = pendulum ? RunPendulumExperiment(s) : RunMotorExperiment(s);
            TelemetryCsv.Write(outPath, result.Telemetry);
            bool complete = pendulum || result.ActionsFinished;
            Console.WriteLine($"{s.Name}: {parse.GetValue(experiment)} experiment {(complete ? "complete" : "NOT complete")}, {result.Telemetry.Count} ticks -> {Path.GetFullPath(outPath)}" +
                (result.Fault is null ? "" : $"; fault {result.Fault} at {result.FaultTime:F3} s: {result.FaultDetail}") +
                (complete || result.ArmRefusal is null ? "" : $"; arming refused: {result.ArmRefusal}") +
                string.Concat(result.Checks.Where(c => !c.Passed && c.Name == HilRunner.FirmwareStarts).Select(c => $"; the firmware did not start: {c.Detail}")));
            return complete && (pendulum || result.Fault is null) ? 0 : ExitCode.Failed;
        }));
        return command;
    }

    /// <summary>The motor experiment on the scenario's robot; the scenario must clamp the body (mount wheel_lifted) and last long enough.</summary>
    public static HilResult RunMotorExperiment(Scenario scenario)
    {
        if (scenario.Mount != Mount.WheelLifted)
            throw new ScenarioException($"scenario '{scenario.Name}': the motor experiment needs \"mount\": \"wheel_lifted\" (the body clamped, the wheel in the air)");
        const double arming = 2.0; // preflight, direction pulse and the wait for a still body, with margin
        if (scenario.Duration < MotorExcitation.Duration + arming)
            throw new ScenarioException($"scenario '{scenario.Name}': duration_s {scenario.Duration} is shorter than the motor experiment ({MotorExcitation.Duration + arming:F0} s with arming)");
        return HilRunner.Run(scenario, new MotorExcitation());
    }

    /// <summary>The pendulum experiment: the scenario must hang the robot (mount hanging, initial pitch near pi) and last the swing.</summary>
    public static HilResult RunPendulumExperiment(Scenario scenario)
    {
        if (scenario.Mount != Mount.Hanging)
            throw new ScenarioException($"scenario '{scenario.Name}': the pendulum experiment needs \"mount\": \"hanging\" (upside down by the axle, the wheel held)");
        if (scenario.Duration < PendulumExperiment.Duration)
            throw new ScenarioException($"scenario '{scenario.Name}': duration_s {scenario.Duration} is shorter than the pendulum experiment ({PendulumExperiment.Duration:F0} s)");
        return HilRunner.Run(scenario with { Duration = PendulumExperiment.Duration }, new PendulumExperiment(), arm: false);
    }
}
