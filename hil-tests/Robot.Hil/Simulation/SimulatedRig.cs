using Robot.Firmware.Configuration;
using Robot.Firmware.Loop;
using Robot.Firmware.Testing;
using Robot.Hil.Scenarios;

namespace Robot.Hil.Simulation;

/// <summary>
/// The simulated robot a scenario describes, on a clock: lockstep (simulated time, deterministic)
/// or real time (the wall clock, for people and for process-level tests). The firmware gets
/// <see cref="Hardware"/> and <see cref="Clock"/> and cannot tell them from a Pi's.
/// </summary>
public sealed class SimulatedRig : IDisposable
{
    SimulatedRig(Scenario scenario, SimulatedWorld world, SimulatedHardware hardware, ILoopClock clock, double origin)
    {
        Scenario = scenario;
        World = world;
        Hardware = hardware;
        Clock = clock;
        Origin = origin;
    }

    public Scenario Scenario { get; }
    public SimulatedWorld World { get; }
    public SimulatedHardware Hardware { get; }
    public ILoopClock Clock { get; }
    /// <summary>The firmware clock's reading when the world's time was 0, s.</summary>
    public double Origin { get; }

    /// <param name="motorState">A file that keeps the motor output's state when this process ends, as the kernel's PWM does (null: none).</param>
    public static SimulatedRig Create(Scenario scenario, RobotConfig config, bool realTime, string? motorState = null)
    {
        ILoopClock clock;
        ISimulationTime time;
        long origin = 0;
        if (realTime)
        {
            var stopwatch = config.Loop.WallClock();
            time = new RealTime(stopwatch);
            origin = stopwatch.NowNanoseconds - time.NowNanoseconds;
            clock = stopwatch;
        }
        else
        {
            var simulated = new SimulatedClock();
            time = new LockstepTime(simulated);
            clock = simulated;
        }
        var world = new SimulatedWorld(scenario, time, 1 / config.Loop.Rate) { HeartbeatFitted = config.Heartbeat.Pin is not null };
        var hardware = new SimulatedHardware(world, config, scenario.Seed, motorState is null ? null : MotorStateFile.Open(motorState));
        return new SimulatedRig(scenario, world, hardware, clock, origin / 1e9);
    }

    /// <summary>
    /// A token cancelled when the scenario's time is up, by a simulated-time timer in lockstep (where a
    /// stuck transfer returns only then). In real time the run ends after its ticks, every one of them.
    /// </summary>
    public CancellationTokenSource CancelAtEnd()
    {
        var end = new CancellationTokenSource();
        if (Clock is SimulatedClock simulated)
        {
            long at = (long)(Scenario.Duration * 1e9);
            IDisposable? timer = null;
            timer = simulated.Every(at, _ => { end.Cancel(); timer?.Dispose(); });
            end.Token.Register(() => timer.Dispose());
        }
        return end;
    }

    public void Dispose() => Hardware.Dispose();
}
