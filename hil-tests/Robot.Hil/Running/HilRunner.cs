using Robot.Firmware.Testing;
using System.Diagnostics;
using Robot.Firmware.Configuration;
using Robot.Firmware.Control;
using Robot.Firmware.Loop;
using Robot.Firmware.Runtime;
using Robot.Firmware.Safety;
using Robot.Firmware.Telemetry;
using Robot.Hil.Running.Expectations;
using Robot.Hil.Scenarios;
using Robot.Hil.Simulation;
using Robot.Policy;

namespace Robot.Hil.Running;

/// <summary>
/// Runs one scenario: builds the simulated robot, hands its devices to the firmware's own
/// <see cref="BalanceRobot"/> (the code that runs on the Pi), asks it to arm, runs its loop for the
/// scenario's duration and judges the result from the plant's true state, the PWM the firmware
/// wrote and the firmware's telemetry. Lockstep (simulated time, deterministic, faster than real
/// time) by default; real-time runs the loop on the wall clock.
/// </summary>
public static class HilRunner
{
    /// <summary>Pitch beyond which the robot counts as fallen (as in training), rad.</summary>
    public const double FallPitch = Robot.Dynamics.Plant.FallLimits.Pitch;
    /// <summary>The check a run fails when the firmware refuses to start (a device missing, the battery low).</summary>
    public const string FirmwareStarts = "firmware starts";

    public static HilResult Run(Scenario scenario, PolicyModel policy, bool realTime = false) =>
        Run(scenario, new PolicyActions(policy), realTime);

    /// <summary>The scenario with any action source in the policy's place: an identification experiment's duty schedule, say.</summary>
    /// <param name="arm">False: the firmware is never asked to arm (the pendulum experiment, whose motor stays off; a ground station's page arms it).</param>
    /// <param name="attach">Given the built robot and a live view of its telemetry before the loop starts (the ground station); disposed when the run ends.</param>
    /// <param name="cancel">Ends the run before its duration (a person at the ground station is done).</param>
    public static HilResult Run(Scenario scenario, IActionSource actions, bool realTime = false, bool arm = true,
        Func<BalanceRobot, LiveTelemetry, IDisposable>? attach = null, CancellationToken cancel = default)
    {
        var config = Configure(scenario);
        if (scenario.AppliesIf?.NotApplicable(scenario.Plant, config.Motor.DutyLimit) is string why)
            return new HilResult { Scenario = scenario.Name, Checks = [], NotApplicable = why };
        using var rig = SimulatedRig.Create(scenario, config, realTime);
        long ticks = (long)Math.Round(scenario.Duration * config.Loop.Rate);
        var setup = Stopwatch.StartNew();
        BalanceRobot robot;
        try
        {
            robot = BalanceRobot.Create(config, actions, rig.Hardware, rig.Clock, TelemetryCapacity(ticks));
        }
        catch (StartupException e)
        {
            return new HilResult { Scenario = scenario.Name, Checks = [new HilCheck(FirmwareStarts, false, e.Message)] };
        }
        setup.Stop();
        var wall = Stopwatch.StartNew();
        using var end = rig.CancelAtEnd();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(end.Token, cancel);
        var telemetry = new List<TickRecord>((int)Math.Min(ticks, 1 << 20));
        // The robot's own session, with the scenario's operator: the rig judges what the robot does, not a copy of how it runs.
        var session = new RobotSession(robot, TextWriter.Null);
        var live = attach is null ? null : new LiveTelemetry(every: Math.Max(1, (int)Math.Round(config.Loop.Rate / 50)));
        using (var viewer = attach is null ? null : attach(robot, live!))
            session.Run(stop, new SessionOptions
            {
                Operator = new ScriptedOperator(scenario, rig), Arm = arm, Live = live, Keep = telemetry.Add, MaxTicks = ticks,
                EndWhenFinished = false, // an experiment's scenario runs its whole duration
                EndGrace = RobotSession.LoopExitTimeout, // the rig's devices never leave a loop stuck in a transfer: it must end by itself
            });
        if (session.LoopFailure is Exception failure) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failure);
        rig.World.Sync();
        wall.Stop();
        double simulated = Math.Min(rig.World.Now, scenario.Duration); // less than the duration when a person ended it

        for (int i = 0; i < telemetry.Count; i++) telemetry[i] = telemetry[i] with { Time = telemetry[i].Time - rig.Origin };
        var result = Judge(scenario, config, rig.World, rig.Hardware, robot, telemetry, wall.Elapsed.TotalSeconds, rig.Origin);
        return result with { SimSeconds = simulated, SetupSeconds = setup.Elapsed.TotalSeconds, ActionsFinished = robot.Controller.Finished };
    }

    /// <summary>
    /// robot.json (the user's, robot-hil --config, or its defaults) with the scenario's robot section
    /// merged over it (a JSON merge patch). With the defaults the wheel's radius and free speed follow
    /// the simulated plant; a user's robot.json keeps its own, as it will on the robot. The loop runs at
    /// normal priority unless the scenario says otherwise (loop.priority: the rig's devices busy-wait their
    /// bus time). Last, what the simulated chips fix: the calibration is the simulated IMU's (level, no
    /// offsets) and the battery monitor's shunt the simulated INA219's.
    /// </summary>
    public static RobotConfig Configure(Scenario scenario)
    {
        var own = scenario.BaseConfig;
        var plant = scenario.Plant;
        var baseline = own ?? new RobotConfig
        {
            Wheel = new WheelOptions { Radius = plant.WheelRadius, FreeSpeed = (plant.BatteryVoltage - plant.Deadband) / plant.BackEmfConstant },
        };
        baseline = baseline with { Loop = baseline.Loop with { Priority = 0 } };
        RobotConfig patched;
        try
        {
            patched = scenario.Robot is null ? baseline : baseline.WithPatch(scenario.Robot, $"scenario '{scenario.Name}' robot settings");
        }
        catch (ConfigException e)
        {
            throw new ScenarioException(e.Message);
        }
        var config = patched with
        {
            Battery = patched.Battery with { ShuntOhms = SimulatedIna219.ShuntOhms },
            Imu = patched.Imu with { GyroBiasCounts = 0, PitchOffset = 0 },
        };
        var problems = config.Validate();
        return problems.Count == 0 ? config : throw new ScenarioException($"scenario '{scenario.Name}' robot settings: " + string.Join("; ", problems));
    }

    /// <summary>
    /// <see cref="Configure"/> for runs on the wall clock beside other work (the process tests, the
    /// signal-to-cut measurement): timing limits at their loosest, so a loaded machine does not fault the loop first.
    /// </summary>
    public static RobotConfig ConfigureLoose(Scenario scenario) => 
        Configure(scenario).WithLimits(("max_consecutive_overruns", 1000), ("watchdog_seconds", 0.1), ("imu_blind_seconds", 0.1));

    static int TelemetryCapacity(long ticks)
    {
        int capacity = 1024;
        while (capacity < ticks + 16) capacity *= 2;
        return capacity;
    }

    static HilResult Judge(Scenario scenario, RobotConfig config, SimulatedWorld world, SimulatedHardware hardware, BalanceRobot robot,
        List<TickRecord> telemetry, double wallSeconds, double clockOrigin)
    {
        var run = new RunRecord(scenario, config, world, hardware.Pwm!, robot, telemetry, clockOrigin);
        var checks = ExpectationSet.For(scenario).SelectMany(e => e.Judge(run)).ToList();
        var supervisor = robot.Supervisor;
        var (_, lateP99, _) = robot.Loop.Timing.LatenessMicroseconds(); // p99 over the last ticks; max over the whole run
        double lateMax = robot.Loop.Timing.MaxLatenessNanoseconds / 1000.0;
        var (_, computeP99, _) = robot.Loop.Timing.ComputeMicroseconds();
        return new HilResult
        {
            Scenario = scenario.Name, Checks = checks, SimSeconds = scenario.Duration, WallSeconds = wallSeconds,
            MaxTilt = run.MaxTilt, MaxDrift = run.MaxDrift, MaxDuty = run.Pwm.MaxDuty, DutyLimit = config.Motor.DutyLimit,
            FinalState = supervisor.State.ToString(),
            Fault = run.Faulted ? ScenarioFile.Snake(supervisor.LastFault.Cause) : null,
            Faults = robot.Faults.List().Select(f => ScenarioFile.Snake(f.Cause)).ToList(),
            FaultTime = run.Faulted ? supervisor.LastFault.Time - clockOrigin : null, FaultDetail = run.Faulted ? supervisor.LastFault.Detail : null,
            ArmRefusal = supervisor.ArmRefusal,
            CutLatency = scenario.Expect.Fault is null ? null : run.CutLatency, // the figure belongs to a fault scenario
            LatenessP99 = lateP99, LatenessMax = lateMax, ComputeP99 = computeP99, Overruns = robot.Loop.Timing.Overruns,
            Trace = world.Trace, Telemetry = telemetry,
        };
    }
}
