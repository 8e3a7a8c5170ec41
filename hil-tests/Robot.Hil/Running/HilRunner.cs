using Robot.Firmware.Testing;
using System.Diagnostics;
using Robot.Firmware.Configuration;
using Robot.Firmware.Control;
using Robot.Firmware.Loop;
using Robot.Firmware.Runtime;
using Robot.Firmware.Safety;
using Robot.Firmware.Telemetry;
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
        if (scenario.AppliesIf?.NotApplicable(scenario.Plant, config.DutyLimit) is string why)
            return new HilResult { Scenario = scenario.Name, Checks = [], NotApplicable = why };
        using var rig = SimulatedRig.Create(scenario, config, realTime);
        long ticks = (long)Math.Round(scenario.Duration * config.LoopRate);
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
        using var page = SendCommands(scenario.Drive, rig, robot);
        using var person = Operate(scenario.Operator, rig, robot);
        var telemetry = new List<TickRecord>((int)Math.Min(ticks, 1 << 20));
        using (var viewer = attach is null ? null : new LiveViewer(robot, attach, telemetry))
        {
            if (arm) robot.RequestArm();
            robot.Run(stop.Token, ticks);
        }
        rig.World.Sync();
        wall.Stop();
        double simulated = Math.Min(rig.World.Now, scenario.Duration); // less than the duration when a person ended it

        while (robot.Telemetry.TryRead(out var record)) telemetry.Add(record);
        for (int i = 0; i < telemetry.Count; i++) telemetry[i] = telemetry[i] with { Time = telemetry[i].Time - rig.Origin };
        var result = Judge(scenario, config, rig.World, rig.Hardware, robot, telemetry, wall.Elapsed.TotalSeconds, rig.Origin);
        return result with { SimSeconds = simulated, SetupSeconds = setup.Elapsed.TotalSeconds, ActionsFinished = robot.Controller.Finished };
    }

    /// <summary>The page of the ground station, as a timer on the firmware's clock: sends the drive profile's command every send_every_s until stop_sending_s.</summary>
    static IDisposable? SendCommands(DriveProfile? drive, SimulatedRig rig, BalanceRobot robot)
    {
        if (drive is null) return null;
        return rig.Clock.Every((long)(drive.SendEvery * 1e9), now =>
        {
            double t = now / 1e9 - rig.Origin;
            if (t < drive.StopSending) robot.Command.TrySet(drive.TargetAt(t), now);
        });
    }

    /// <summary>The operator's requests, each once at its time, on the firmware's clock (checked every 10 ms).</summary>
    static IDisposable? Operate(OperatorStep[] steps, SimulatedRig rig, BalanceRobot robot)
    {
        if (steps.Length == 0) return null;
        var ordered = steps.OrderBy(s => s.Time).ToArray();
        int next = 0;
        return rig.Clock.Every(10_000_000, now =>
        {
            double t = now / 1e9 - rig.Origin;
            for (; next < ordered.Length && ordered[next].Time <= t; next++)
            {
                switch (ordered[next].Action)
                {
                    case OperatorAction.Arm: robot.RequestArm(); break;
                    case OperatorAction.Clear: robot.RequestClearFault(); break;
                    case OperatorAction.Disarm: robot.RequestDisarm(); break;
                }
            }
        });
    }

    /// <summary>
    /// While a live view is attached, a thread drains the telemetry ring as the run goes (as the
    /// robot's telemetry writer does), keeping every record for the verdict and feeding the view.
    /// </summary>
    sealed class LiveViewer : IDisposable
    {
        readonly Thread _thread;
        readonly IDisposable _attached;
        volatile bool _done;

        public LiveViewer(BalanceRobot robot, Func<BalanceRobot, LiveTelemetry, IDisposable> attach, List<TickRecord> keep)
        {
            var live = new LiveTelemetry(every: Math.Max(1, (int)Math.Round(robot.Config.LoopRate / 50)));
            _thread = new Thread(() =>
            {
                while (!_done)
                {
                    while (robot.Telemetry.TryRead(out var record))
                    {
                        keep.Add(record);
                        live.Offer(record);
                    }
                    Thread.Sleep(10);
                }
            }) { IsBackground = true, Name = "telemetry", Priority = ThreadPriority.BelowNormal };
            _thread.Start();
            _attached = attach(robot, live);
        }

        public void Dispose()
        {
            _attached.Dispose();
            _done = true;
            _thread.Join();
        }
    }

    /// <summary>
    /// robot.json (the user's, robot-hil --config, or its defaults) with the scenario's robot section
    /// merged over it (a JSON merge patch). With the defaults the wheel's radius and free speed follow
    /// the simulated plant; a user's robot.json keeps its own, as it will on the robot. The loop runs at
    /// normal priority unless the scenario says otherwise (loop_priority: the rig's devices busy-wait their
    /// bus time). Last, what the simulated chips fix: the calibration is the simulated IMU's (level, no
    /// offsets) and the battery monitor's shunt the simulated INA219's.
    /// </summary>
    public static RobotConfig Configure(Scenario scenario)
    {
        var own = scenario.BaseConfig;
        var plant = scenario.Plant;
        var baseline = (own ?? new RobotConfig
        {
            WheelRadius = plant.WheelRadius,
            WheelFreeSpeed = (plant.BatteryVoltage - plant.Deadband) / plant.BackEmfConstant,
        }) with { LoopPriority = 0 };
        RobotConfig patched;
        try
        {
            patched = scenario.Robot is null ? baseline : baseline.WithPatch(scenario.Robot, $"scenario '{scenario.Name}' robot settings");
        }
        catch (ConfigException e)
        {
            throw new ScenarioException(e.Message);
        }
        var config = patched with { ShuntOhms = SimulatedIna219.ShuntOhms, GyroBiasCounts = 0, PitchOffset = 0 };
        var problems = config.Validate();
        return problems.Count == 0 ? config : throw new ScenarioException($"scenario '{scenario.Name}' robot settings: " + string.Join("; ", problems));
    }

    /// <summary>
    /// <see cref="Configure"/> for runs on the wall clock beside other work (the process tests, the
    /// signal-to-cut measurement): timing limits at their loosest, so a loaded machine does not fault the loop first.
    /// </summary>
    public static RobotConfig ConfigureLoose(Scenario scenario) => Configure(scenario) with { MaxOverruns = 1000, WatchdogSeconds = 0.1, ImuBlindSeconds = 0.1 };

    /// <summary>The driving expectations: speed tracking (true speed against the firmware's own target), the dead-man, coming to rest.</summary>
    static void CheckDriving(Scenario scenario, IReadOnlyList<TraceSample> trace, List<TickRecord> telemetry, List<HilCheck> checks)
    {
        var expect = scenario.Expect;
        if (expect.MaxSpeedRmsError is double rmsLimit)
        {
            // Each running tick's target against the true speed at that moment (the trace runs at the loop's rate).
            var running = telemetry.Where(r => r.State == SupervisorState.Running).ToList();
            double sum = 0;
            int n = 0, j = 0;
            foreach (var r in running)
            {
                while (j + 1 < trace.Count && trace[j + 1].Time <= r.Time) j++;
                if (trace.Count == 0) break;
                double e = trace[j].Velocity - r.TargetVelocity;
                sum += e * e;
                n++;
            }
            double rms = n > 0 ? Math.Sqrt(sum / n) : double.NaN;
            double peak = running.Count > 0 ? running.Max(r => Math.Abs(r.TargetVelocity)) : 0;
            checks.Add(new("tracks the commanded speed", n > 0 && rms <= rmsLimit && peak > 0,
                n == 0 ? "never running" : peak == 0 ? "the firmware never took a command" : $"speed error rms {rms:F3} m/s (limit {rmsLimit:F3}), commands up to {peak:F2} m/s"));
        }
        if (expect.TargetZeroWithin is double within && scenario.Drive is { } drive)
        {
            double quiet = drive.StopSending;
            var after = telemetry.Where(r => r.Time >= quiet + within).ToList();
            var lastNonZero = telemetry.LastOrDefault(r => r.TargetVelocity != 0);
            bool ok = after.Count > 0 && after.All(r => r.TargetVelocity == 0) && telemetry.Any(r => r.Time < quiet && r.TargetVelocity != 0);
            checks.Add(new("dead-man: command back to 0", ok, lastNonZero.Time > 0
                ? $"last non-zero target at {lastNonZero.Time:F3} s, {(lastNonZero.Time - quiet) * 1000:F0} ms after the sender went quiet at {quiet:F2} s (limit {within * 1000:F0} ms)"
                : "the firmware never took a command"));
        }
        if (expect.FinalSpeedBelow is double rest && trace.Count > 0)
        {
            double final = Math.Abs(trace[^1].Velocity);
            checks.Add(new("comes to rest", final <= rest, $"speed {final:F3} m/s at the end (limit {rest:F3})"));
        }
    }

    static int TelemetryCapacity(long ticks)
    {
        int capacity = 1024;
        while (capacity < ticks + 16) capacity *= 2;
        return capacity;
    }

    static HilResult Judge(Scenario scenario, RobotConfig config, SimulatedWorld world, SimulatedHardware hardware, BalanceRobot robot,
        List<TickRecord> telemetry, double wallSeconds, double clockOrigin)
    {
        var expect = scenario.Expect;
        var trace = world.Trace;
        var free = trace.Where(s => !s.Held).ToList();
        double maxTilt = free.Count > 0 ? free.Max(s => Math.Abs(s.Pitch)) : 0;
        double maxDrift = trace.Count > 0 ? trace.Max(s => Math.Abs(s.Position)) : 0;
        bool fell = maxTilt > FallPitch;
        var supervisor = robot.Supervisor;
        bool faulted = supervisor.State == SupervisorState.Faulted;
        var faults = robot.Faults.List();
        var pwm = hardware.Pwm!;
        double? runningSince = telemetry.FirstOrDefault(r => r.State == SupervisorState.Running) is { State: SupervisorState.Running } first ? first.Time : null;

        var checks = new List<HilCheck>
        {
            new("duty within limit", pwm.MaxDuty <= config.DutyLimit + 1e-12, $"max duty {pwm.MaxDuty:F3}, limit {config.DutyLimit:F3}"),
        };
        if (expect.Upright)
        {
            checks.Add(new("armed while held", runningSince is double t && t < world.ReleaseTime,
                runningSince is double r ? $"running at {r:F2} s, released at {world.ReleaseTime:F2} s"
                    : supervisor.ArmRefusal is string refusal ? "never armed: arming refused: " + refusal : "never armed"));
            checks.Add(new("stays up", !fell && !faulted, fell ? $"fell: pitch reached {maxTilt:F2} rad"
                : faulted ? $"faulted: {FaultNames.Of(supervisor.LastFault.Cause)} at {supervisor.LastFault.Time - clockOrigin:F2} s ({supervisor.LastFault.Detail})" : $"up for {scenario.Duration:F0} s"));
        }
        if (expect.MaxTilt is double tilt) checks.Add(new("max tilt", maxTilt <= tilt, $"{maxTilt:F3} rad (limit {tilt:F3})"));
        if (expect.MaxDrift is double drift) checks.Add(new("max drift", maxDrift <= drift, $"{maxDrift:F3} m (limit {drift:F3})"));

        double? cutLatency = null;
        if (expect.Fault is string expected)
        {
            var cause = ScenarioFile.ParseCause(expected);
            checks.Add(new("fault detected", faulted && cause is FaultCause c && robot.Faults.Has(c),
                faulted ? $"{string.Join(", ", faults.Select(f => $"{ScenarioFile.Snake(f.Cause)} at {f.Time - clockOrigin:F3} s"))} (expected {expected})" : $"no fault latched (expected {expected})"));
            double start = ScenarioFile.TroubleStart(scenario);
            // The last tick that ended before the trouble: a tick reads its inputs up to a period after it starts.
            // Trouble from the very start (a wiring fault) is caught while arming instead.
            if (start > 0)
            {
                var atStart = telemetry.LastOrDefault(r => r.Time < start - 1 / config.LoopRate);
                checks.Add(new("running when the trouble began", atStart.State == SupervisorState.Running, $"state {atStart.State} at {start:F2} s"));
            }
            var last = pwm.LastChange;
            if (last.Duty == 0 && !pwm.Running && faulted)
            {
                cutLatency = Math.Max(0, last.Time - start);
                if (expect.CutWithin is double within)
                    checks.Add(new("motor cut in time", cutLatency <= within, $"cut {cutLatency * 1000:F1} ms after the fault began (limit {within * 1000:F0} ms)"));
            }
            else checks.Add(new("motor cut in time", false, "the motor was still driven at the end"));
        }

        if (expect.NeverRunning)
            checks.Add(new("never running", runningSince is null,
                runningSince is double began ? $"running at {began:F2} s" : $"refused while arming ({supervisor.State})"));
        foreach (var name in expect.FaultsSeen)
        {
            var cause = ScenarioFile.ParseCause(name);
            var latched = telemetry.FirstOrDefault(r => cause is FaultCause c && (r.FaultSet & c) != 0);
            bool seen = cause is FaultCause && latched.Tick > 0;
            checks.Add(new($"{name} seen", seen, seen ? $"latched at {latched.Time:F3} s" : "never latched"));
        }
        if (expect.BalancingAtEnd)
        {
            double lastRelease = 0;
            for (int i = 1; i < trace.Count; i++) if (trace[i - 1].Held && !trace[i].Held) lastRelease = trace[i].Time;
            double tiltSince = trace.Where(x => x.Time >= lastRelease && !x.Held).Select(x => Math.Abs(x.Pitch)).DefaultIfEmpty(double.NaN).Max();
            bool ok = supervisor.State == SupervisorState.Running && !robot.Faults.Any && tiltSince <= FallPitch;
            checks.Add(new("balancing at the end", ok, $"state {supervisor.State}, released last at {lastRelease:F2} s, max tilt since {tiltSince:F3} rad"));
        }

        CheckDriving(scenario, trace, telemetry, checks);

        var (_, lateP99, _) = robot.Loop.Timing.LatenessMicroseconds(); // p99 over the last ticks; max over the whole run
        double lateMax = robot.Loop.Timing.MaxLatenessNanoseconds / 1000.0;
        var (_, computeP99, _) = robot.Loop.Timing.ComputeMicroseconds();
        return new HilResult
        {
            Scenario = scenario.Name, Checks = checks, SimSeconds = scenario.Duration, WallSeconds = wallSeconds,
            MaxTilt = maxTilt, MaxDrift = maxDrift, MaxDuty = pwm.MaxDuty, DutyLimit = config.DutyLimit,
            FinalState = supervisor.State.ToString(),
            Fault = faulted ? ScenarioFile.Snake(supervisor.LastFault.Cause) : null,
            Faults = faults.Select(f => ScenarioFile.Snake(f.Cause)).ToList(),
            FaultTime = faulted ? supervisor.LastFault.Time - clockOrigin : null, FaultDetail = faulted ? supervisor.LastFault.Detail : null,
            ArmRefusal = supervisor.ArmRefusal,
            CutLatency = cutLatency, LatenessP99 = lateP99, LatenessMax = lateMax, ComputeP99 = computeP99, Overruns = robot.Loop.Timing.Overruns,
            Trace = trace, Telemetry = telemetry,
        };
    }
}
