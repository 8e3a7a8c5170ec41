using System.Text.Json.Nodes;
using Robot.Dynamics.Plant;
using Robot.Hil.Cli;
using Robot.Hil.Reporting;
using Robot.Hil.Scenarios;
using Robot.SystemId;
using Xunit.Abstractions;

namespace Robot.Hil.Tests;

/// <summary>
/// The firmware's motor experiment, run against simulated devices (datasheet noise) on a robot
/// whose parameters only the test knows, is fitted back to those parameters by system
/// identification starting from the defaults: the motor constant and resistance within 5 %, the
/// other identifiable ones within 10 %. The hidden robots include ones outside the default
/// randomization (+-20 %).
/// </summary>
public class SystemIdentificationTests(ITestOutputHelper output) : IDisposable
{
    readonly string _dir = Directory.CreateTempSubdirectory("robot-sysid-").FullName;

    public void Dispose() => Directory.Delete(_dir, true);

    public static TheoryData<string, double, double, double, double, double> HiddenRobots => new()
    {
        // name, torque constant, resistance, viscous friction, coulomb friction, deadband
        { "near-built-in", 0.27, 2.7, 0.0024, 0.012, 0.25 }, // every fitted parameter off the fit's start (the built-in robot)
        { "weak-motor", 0.18, 3.1, 0.002, 0.01, 0.3 },      // 40 % weaker, windings 30 % more resistive
        { "sticky", 0.30, 2.4, 0.004, 0.02, 0.5 },         // twice the friction, a wider deadband
        { "strong-heavy", 0.40, 1.8, 0.0015, 0.015, 0.2 },
    };

    [Theory]
    [MemberData(nameof(HiddenRobots))]
    public void TheMotorExperimentIsFittedBackToTheHiddenRobot(string name, double k, double r, double viscous, double coulomb, double deadband)
    {
        var hidden = new UniwheelParameters
        {
            TorqueConstant = k, BackEmfConstant = k, Resistance = r, ViscousFriction = viscous, CoulombFriction = coulomb, Deadband = deadband,
            RotorInertia = 1.4e-4,
        };
        var scenario = new Scenario
        {
            Name = name, Duration = 32, Seed = 5, Mount = Mount.WheelLifted, Plant = hidden,
            Initial = new InitialState { Pitch = 0 }, Robot = new JsonObject { ["battery"] = new JsonObject { ["monitor_address"] = 0x40 } },
        };
        var run = IdentifyCommand.RunMotorExperiment(scenario);
        Assert.True(run.ActionsFinished, $"the experiment did not complete: {run.Fault} {run.FaultDetail}");
        string log = Path.Combine(_dir, name + ".csv");
        TelemetryCsv.Write(log, run.Telemetry);

        var fit = MotorExperimentFit.Fit(TelemetryLog.Load(log), new UniwheelParameters());
        var byName = fit.Parameters.ToDictionary(p => p.Name);
        string report = string.Join("; ", fit.Parameters.Select(p => $"{p.Name} {p.Value:G4} +- {p.StandardError:G2}"));
        output.WriteLine($"{name}: K {Error(byName["torque_constant"].Value, k)}, R {Error(byName["resistance"].Value, r)}, viscous {Error(byName["viscous_friction"].Value, viscous)}, " +
            $"coulomb {Error(byName["coulomb_friction"].Value, coulomb)}, deadband {Error(byName["deadband"].Value, deadband)}, inertia {Error(byName["drive_inertia"].Value, hidden.WheelInertia + hidden.RotorInertia)}; {report}");
        AssertWithin(byName["torque_constant"].Value, k, 0.05, report);
        AssertWithin(byName["resistance"].Value, r, 0.05, report);
        AssertWithin(byName["viscous_friction"].Value, viscous, 0.10, report);
        AssertWithin(byName["coulomb_friction"].Value, coulomb, 0.10, report);
        AssertWithin(byName["drive_inertia"].Value, hidden.WheelInertia + hidden.RotorInertia, 0.10, report);
        AssertWithin(byName["deadband"].Value, deadband, 0.10, report);
    }

    static string Error(double fitted, double truth) => $"{(fitted - truth) / truth:+0.0%;-0.0%;0.0%}";

    static void AssertWithin(double fitted, double truth, double relative, string report) =>
        Assert.True(Math.Abs(fitted - truth) <= relative * Math.Abs(truth), $"fitted {fitted:G4}, hidden {truth:G4} (within {relative:P0}); {report}");
}

/// <summary>The experiment drives the motor with every safety check of run: a jammed wheel is cut as in balancing, and the experiment does not finish.</summary>
public class IdentificationSafetyTests
{
    [Fact]
    public void AJammedWheelStopsTheMotorExperiment()
    {
        var scenario = new Scenario
        {
            Name = "identify-jammed", Duration = 32, Seed = 5, Mount = Mount.WheelLifted,
            Initial = new InitialState { Pitch = 0 }, Robot = new JsonObject { ["battery"] = new JsonObject { ["monitor_address"] = 0x40 } },
            Faults = [new FaultWindow { Kind = FaultKind.WheelJammed, Start = 5 }],
        };
        var run = IdentifyCommand.RunMotorExperiment(scenario);
        Assert.False(run.ActionsFinished);
        Assert.Equal("Faulted", run.FinalState);
        Assert.Contains(run.Faults, f => f is "motor_stall" or "over_current");
        Assert.Equal(0, run.Telemetry[^1].Duty);
    }

    [Fact]
    public void TheMotorExperimentNeedsTheClampedRig()
    {
        var onTheGround = new Scenario { Name = "ground", Duration = 32, Robot = new JsonObject { ["battery"] = new JsonObject { ["monitor_address"] = 0x40 } } };
        var e = Assert.Throws<ScenarioException>(() => IdentifyCommand.RunMotorExperiment(onTheGround));
        Assert.Contains("wheel_lifted", e.Message);
    }
}

/// <summary>
/// The pendulum experiment, after the motor experiment (which gives the gearbox friction that damps
/// the swing), fits the body: the centre-of-mass height and the body's inertia within 10 %, for
/// hidden bodies outside the default randomization, the mass being known (weighed).
/// </summary>
public class BodyIdentificationTests(ITestOutputHelper output) : IDisposable
{
    readonly string _dir = Directory.CreateTempSubdirectory("robot-sysid-body-").FullName;

    public void Dispose() => Directory.Delete(_dir, true);

    public static TheoryData<string, double, double, double> HiddenBodies => new()
    {
        // name, body mass, centre-of-mass height, body inertia
        { "built-in", 1.0, 0.10, 0.004 },
        { "heavy", 1.5, 0.10, 0.006 },          // 50 % heavier battery
        { "tall", 1.0, 0.14, 0.0065 },          // 40 % taller, 60 % more inertia
    };

    [Theory]
    [MemberData(nameof(HiddenBodies))]
    public void ThePendulumIsFittedBackToTheHiddenBody(string name, double mass, double height, double inertia)
    {
        // The drive differs from the fit's start too, so the motor fit's check below can fail.
        var hidden = new UniwheelParameters { BodyMass = mass, BodyComHeight = height, BodyInertia = inertia, TorqueConstant = 0.26, BackEmfConstant = 0.26, Resistance = 2.9 };
        var motor = IdentifyCommand.RunMotorExperiment(new Scenario
        {
            Name = name, Duration = 32, Seed = 5, Mount = Mount.WheelLifted, Plant = hidden,
            Initial = new InitialState { Pitch = 0 }, Robot = new JsonObject { ["battery"] = new JsonObject { ["monitor_address"] = 0x40 } },
        });
        var swing = IdentifyCommand.RunPendulumExperiment(ScenarioFile.Load(Path.Combine(HilPaths.Scenarios, "identify", "pendulum.json")) with { Plant = hidden });
        string motorLog = Path.Combine(_dir, name + "-motor.csv"), pendulumLog = Path.Combine(_dir, name + "-pendulum.csv");
        TelemetryCsv.Write(motorLog, motor.Telemetry);
        TelemetryCsv.Write(pendulumLog, swing.Telemetry);

        // What the owner knows: the body's weight. Everything else starts from the built-in robot.
        var outcome = SystemIdentification.Identify([TelemetryLog.Load(pendulumLog), TelemetryLog.Load(motorLog)], new UniwheelParameters { BodyMass = mass }, brakeAtZeroDuty: false);
        var plant = outcome.Plant.Parameters;
        var fit = outcome.PendulumFits.Single().Fit;
        output.WriteLine($"{name}: com height {plant.BodyComHeight:G4} (hidden {height}, {(plant.BodyComHeight - height) / height:+0.0%;-0.0%;0.0%}) +- {fit.ComHeight.StandardError:G2}, " +
            $"inertia {plant.BodyInertia:G4} (hidden {inertia}, {(plant.BodyInertia - inertia) / inertia:+0.0%;-0.0%;0.0%}) +- {fit.BodyInertia.StandardError:G2}; rate rms {fit.RateRmsResidual:G3} rad/s");
        Assert.InRange(plant.BodyComHeight, height * 0.9, height * 1.1);
        Assert.InRange(plant.BodyInertia, inertia * 0.9, inertia * 1.1);
        Assert.Contains("body_com_height", outcome.Plant.Identified);
        Assert.InRange(plant.Resistance, hidden.Resistance * 0.95, hidden.Resistance * 1.05); // the motor fit is still there
    }
}

/// <summary>
/// A closed-loop log (the LQR balancing a robot unlike the built-in one, pushed) is
/// validation data: the plant identified from that robot's experiments predicts its short-term
/// motion as well as the robot's own (hidden) parameters do.
/// </summary>
public class ValidationLogTests(ITestOutputHelper output)
{
    [Fact]
    public void TheIdentifiedPlantPredictsARunAsWellAsTheRobotsOwnParameters()
    {
        var hidden = PlantFile.Parse(File.ReadAllText(Path.Combine(HilPaths.HilRoot, "robots", "short-weak.json")), "short-weak").Parameters;
        string dir = Directory.CreateTempSubdirectory("robot-validate-").FullName;
        try
        {
            // Identify the robot as its owner would: both experiments, and the masses and radius measured by hand.
            var motor = IdentifyCommand.RunMotorExperiment(ScenarioFile.Load(Path.Combine(HilPaths.Scenarios, "identify", "motor.json")).OnRobot(hidden));
            var swing = IdentifyCommand.RunPendulumExperiment(ScenarioFile.Load(Path.Combine(HilPaths.Scenarios, "identify", "pendulum.json")).OnRobot(hidden));
            string motorLog = Path.Combine(dir, "motor.csv"), pendulumLog = Path.Combine(dir, "pendulum.csv");
            TelemetryCsv.Write(motorLog, motor.Telemetry);
            TelemetryCsv.Write(pendulumLog, swing.Telemetry);
            var measured = new UniwheelParameters { BodyMass = hidden.BodyMass, WheelMass = hidden.WheelMass, WheelRadius = hidden.WheelRadius };
            var fitted = SystemIdentification.Identify([TelemetryLog.Load(motorLog), TelemetryLog.Load(pendulumLog)], measured, brakeAtZeroDuty: false).Plant.Parameters;

            var scenario = ScenarioFile.Load(Path.Combine(HilPaths.Scenarios, "identify", "validation.json")).OnRobot(hidden);
            // The LQR fixture balancing it: a baseline that stays put while policies are retrained.
            var run = Running.HilRunner.Run(scenario, Robot.Policy.PolicyFile.Load(HilPaths.LqrPolicy));
            string path = Path.Combine(dir, "run.csv");
            TelemetryCsv.Write(path, run.Telemetry);
            var log = TelemetryLog.Load(path);
            var identified = ValidationReplay.Evaluate(log, fitted);
            var builtIn = ValidationReplay.Evaluate(log, new UniwheelParameters());
            var truth = ValidationReplay.Evaluate(log, hidden);
            output.WriteLine($"identified plant: {identified}; built-in plant: {builtIn}; the hidden plant itself: {truth}");
            Assert.True(identified.Windows >= 30, identified.ToString());
            // The fitted plant predicts the run as well as the robot's own parameters do. (On this run the
            // built-in plant scores about the same: short windows of a quiet LQR run do not tell the
            // plants apart; docs/sim-to-real.md says so.)
            Assert.True(identified.PitchRateRms <= 1.1 * truth.PitchRateRms, $"identified {identified}, hidden {truth}");
            // Given to the fit as if it were an experiment, the run's log is named for what it is.
            var e = Assert.Throws<Robot.Cli.InputException>(() => SystemIdentification.Identify([log], hidden, brakeAtZeroDuty: false));
            Assert.Contains("not a motor experiment's log", e.Message);
            Assert.Contains("--validate", e.Message);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }
}
