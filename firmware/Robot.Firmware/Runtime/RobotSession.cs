using Robot.Cli;
using Robot.Firmware.Safety;
using Robot.Firmware.Telemetry;
using Robot.Observation;

namespace Robot.Firmware.Runtime;

/// <summary>
/// One run of a built robot, with its threads: the loop (highest priority), the watchdog timer (the
/// clock's), the telemetry writer, an operator making requests, and a status line every half second
/// on the calling thread. Ends on <paramref name="stop"/> (an operator's quit among them), when
/// telemetry cannot be written, when the loop thread throws, when the loop has run its ticks, or when
/// an experiment's schedule is over; in every case the motor is cut before this returns. The robot's
/// commands and the HIL rig run this same session (the rig with its scripted operator).
/// </summary>
public sealed class RobotSession(BalanceRobot robot, TextWriter console)
{
    /// <summary>How long the end of a run waits for the loop thread (it may be stuck in an I2C transfer; the motor is already cut).</summary>
    public static readonly TimeSpan LoopExitTimeout = TimeSpan.FromSeconds(2);

    Exception? _loopFailure, _telemetryFailure;
    Thread? _loop;
    readonly char[] _statusLine = new char[256];

    /// <summary>The loop thread has ended (after <see cref="Run(CancellationTokenSource, SessionOptions)"/> it may not have, if it was stuck).</summary>
    public bool LoopEnded => _loop is { IsAlive: false };

    /// <summary>The exception the loop thread threw, if it did (the motor was cut).</summary>
    public Exception? LoopFailure => _loopFailure;

    /// <summary>Runs until stopped; returns the exit code (0, 1 after a fault, 3 when telemetry failed, 70 when the loop threw).</summary>
    /// <param name="live">Fed from the telemetry writer's thread for a live view (the ground station), or null.</param>
    public int Run(CancellationTokenSource stop, Stream? telemetry, TextReader? commands, bool arm, LiveTelemetry? live = null) =>
        Run(stop, telemetry is null ? null : TelemetryFiles.Of(telemetry), commands, arm, live);

    /// <summary>As above, the telemetry into files rotated by size.</summary>
    public int Run(CancellationTokenSource stop, TelemetryFiles? telemetry, TextReader? commands, bool arm, LiveTelemetry? live = null) =>
        Run(stop, new SessionOptions { Telemetry = telemetry, Operator = commands is null ? null : new ConsoleOperator(commands, console), Arm = arm, Live = live });

    /// <summary>The session as <paramref name="options"/> say.</summary>
    public int Run(CancellationTokenSource stop, SessionOptions options)
    {
        using var writer = new TelemetryWriter(robot.Telemetry, options.Telemetry, e =>
        {
            _telemetryFailure = e;
            robot.Motor.Cut();
            stop.Cancel();
        }, options.Live, options.Keep);
        // The arm request and the operator before the loop's first tick: on simulated time the run is then the same every time.
        if (options.Arm) robot.RequestArm();
        bool joined;
        using (options.Operator?.Start(robot, stop))
        {
            var loop = _loop = new Thread(() => RunLoop(stop, options.MaxTicks)) { Name = "control-loop", Priority = ThreadPriority.Highest, IsBackground = true };
            loop.Start();
            var lastState = SupervisorState.Disarmed;
            string? lastRefusal = null;
            bool schedulingShown = false;
            while (!stop.Token.WaitHandle.WaitOne(500))
            {
                if (!schedulingShown && robot.Scheduling is string scheduling)
                {
                    console.WriteLine($"loop thread: {scheduling}"); // SCHED_FIFO, or why not (docs/deploy.md)
                    schedulingShown = true;
                }
                lastState = Status(writer, lastState, ref lastRefusal);
                if (options.EndWhenFinished && robot.Controller.Finished) stop.Cancel(); // an experiment's schedule is over
            }
            // The loop sees the stop at its next tick and cuts the motor on its way out; one that does not
            // within the grace is told the run is ending (so it cannot drive again) and the motor is cut without it.
            if (!loop.Join(options.EndGrace ?? TimeSpan.FromSeconds(3 / robot.Config.Loop.Rate)))
            {
                robot.Faults.Report(FaultCause.ProcessEnding, 0, "the run is ending");
                robot.Motor.Cut();
            }
            joined = loop.Join(LoopExitTimeout);
        }
        console.WriteLine();
        if (!joined) console.WriteLine($"the control loop did not end within {LoopExitTimeout.TotalSeconds:F0} s (stuck in a transfer?); the motor was cut without it");
        if (_telemetryFailure is not null)
        {
            console.WriteLine($"error: telemetry could not be written ({_telemetryFailure.Message}); motor stopped");
            return ExitCode.DeviceOrIo;
        }
        if (_loopFailure is not null)
        {
            console.WriteLine($"error: the control loop failed ({_loopFailure.GetType().Name}: {_loopFailure.Message}); motor stopped");
            return ExitCode.Internal;
        }
        console.WriteLine($"stopped: motor off, {robot.Loop.Timing.Ticks} ticks, {robot.Loop.Timing.Overruns} overruns");
        // The run's own ending is no verdict; any other fault is.
        return (robot.Faults.Active & ~FaultCause.ProcessEnding) != 0 ? ExitCode.Failed : ExitCode.Success;
    }

    void RunLoop(CancellationTokenSource stop, long maxTicks)
    {
        try
        {
            robot.Run(stop.Token, maxTicks);
        }
        catch (Exception e)
        {
            // A bug on the loop thread ends the run with the motor cut (Run's finally has cut it already).
            robot.Faults.Report(FaultCause.ProcessEnding, 0, "the control loop threw");
            robot.Motor.ForceCut();
            _loopFailure = e;
        }
        // Its ticks are run, or it failed: the run is over. A loop released after its session gave up on it
        // finds the session's token gone, and the run over already.
        try { stop.Cancel(); }
        catch (ObjectDisposedException) { }
    }

    SupervisorState Status(TelemetryWriter writer, SupervisorState lastState, ref string? lastRefusal)
    {
        var r = writer.Latest;
        if (r.State != lastState)
        {
            console.WriteLine();
            if (r.State == SupervisorState.Faulted)
            {
                foreach (var fault in robot.Faults.List())
                    console.WriteLine($"FAULT {FaultNames.Of(fault.Cause)} at {fault.Time:F3} s: {fault.Detail}");
                console.WriteLine("motor cut; type clear, then arm");
            }
            else console.WriteLine($"state {r.State}");
        }
        if (robot.Supervisor.ArmRefusal is string refusal && !ReferenceEquals(refusal, lastRefusal))
        {
            console.WriteLine();
            console.WriteLine($"arm refused: {refusal}");
        }
        lastRefusal = robot.Supervisor.ArmRefusal;
        var (_, p99, max) = robot.Loop.Timing.LatenessMicroseconds();
        // Formatted into one buffer: a string every half second was the running robot's only garbage.
        if (_statusLine.AsSpan().TryWrite($"\rt {r.Time,7:F1} s  {r.State,-8}  pitch {r.Pitch * 180 / Math.PI,6:F2} deg  x {r.Position,6:F3} m  duty {r.Duty,6:F3}  " +
            $"late p99 {p99,5:F0} us max {max,6:F0} us  overruns {robot.Loop.Timing.Overruns}  dropped {robot.Telemetry.Dropped}   ", out int length))
            console.Write(_statusLine, 0, length);
        return r.State;
    }
}
