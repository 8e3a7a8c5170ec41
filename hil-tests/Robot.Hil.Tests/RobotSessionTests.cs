using Robot.Cli;
using Robot.Firmware.Control;
using Robot.Firmware.Runtime;
using Robot.Firmware.Safety;
using Robot.Firmware.Telemetry;
using Robot.Firmware.Testing;
using Robot.Hil.Running;
using Robot.Hil.Scenarios;
using Robot.Hil.Simulation;
using Robot.Policy;
using Robot.Observation;

namespace Robot.Hil.Tests;

/// <summary>The run's session on the simulated robot: how a run ends (its ticks run, telemetry that cannot be written, a loop stuck in a tick).</summary>
[Collection("Processes")]
public class RobotSessionTests
{
    /// <summary>The simulated robot on the wall clock, held by the hand for the whole test, with the trained policy and loose timing limits.</summary>
    static (SimulatedRig Rig, BalanceRobot Robot) HeldRobot(string name)
    {
        var scenario = new Scenario { Name = name, Duration = 3600, Initial = new InitialState { Release = 3000, Reaction = 3000 } };
        // The held robot rolls under the hand as fast as the policy drives it: no runaway limit either (a runaway
        // fault two seconds in, on some runs, changed the state line the allocation test looks at).
        var config = HilRunner.ConfigureLoose(scenario).WithLimits(("runaway_wheel_rate", 150));
        var rig = SimulatedRig.Create(scenario, config, realTime: true);
        return (rig, BalanceRobot.Create(config, PolicyFile.Load(HilPaths.TrainedPolicy), rig.Hardware, rig.Clock));
    }

    [Fact]
    public void AFullDiskUnderTheTelemetryEndsTheRunWithTheMotorStopped()
    {
        var (rig, robot) = HeldRobot("full-disk");
        using var _ = rig;
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        // About 500 rows fit: the disk fills some 1.5 s after arming, while the policy drives the held robot's wheel.
        int code = new RobotSession(robot, TextWriter.Null).Run(stop, new FullDiskStream(80_000), commands: null, arm: true);
        Assert.False(stop.IsCancellationRequested && code == ExitCode.Success, "the run ended on its time limit, not on the full disk");
        Assert.Equal(ExitCode.DeviceOrIo, code);
        Assert.True(rig.Hardware.Pwm!.MaxDuty > 0, "the motor never drove: the test would prove nothing");
        Assert.False(rig.Hardware.Pwm.Running);
        Assert.Equal(0, rig.Hardware.Pwm.DutyCycle);
    }

    /// <summary>The rig's way: on simulated time the run ends when the loop has run its ticks, every record kept, the loop ending by itself.</summary>
    [Fact]
    public async Task OnSimulatedTimeTheRunEndsWithItsTicksAndTheLoopEndsByItself()
    {
        var scenario = new Scenario { Name = "ticks", Duration = 3 };
        var config = HilRunner.Configure(scenario);
        using var rig = SimulatedRig.Create(scenario, config, realTime: false);
        var robot = BalanceRobot.Create(config, PolicyFile.Load(HilPaths.TrainedPolicy), rig.Hardware, rig.Clock, 1024);
        var kept = new List<TickRecord>();
        using var stop = new CancellationTokenSource();
        var run = Task.Run(() => new RobotSession(robot, TextWriter.Null).Run(stop, new SessionOptions { Arm = true, MaxTicks = 400, Keep = kept.Add }));
        bool ended = await Task.WhenAny(run, Task.Delay(TimeSpan.FromSeconds(30))) == run; // 2 simulated seconds take milliseconds
        stop.Cancel();
        Assert.True(ended, "the session did not end when the loop had run its ticks");
        Assert.Equal(ExitCode.Success, await run);
        Assert.Equal(400, robot.Loop.Timing.Ticks);
        Assert.Equal(400, kept.Count); // every record, for a verdict
        Assert.Equal(SupervisorState.Running, kept[^1].State);
        Assert.Equal(FaultCause.None, robot.Faults.Active); // it ended by itself: nothing had to tell it the run was ending
        Assert.False(rig.Hardware.Pwm!.Running);
    }

    /// <summary>Drives as the policy does, until it has run for a while; then one call never returns until released (a bug that blocks the loop thread).</summary>
    sealed class StuckAfter(IActionSource inner, double seconds) : IActionSource, IDisposable
    {
        readonly ManualResetEventSlim _release = new();
        public volatile bool Stuck;
        public bool Act(float[] observation, double secondsRunning, float[] action)
        {
            if (secondsRunning > seconds && !Stuck)
            {
                Stuck = true;
                _release.Wait(TimeSpan.FromSeconds(10));
            }
            return inner.Act(observation, secondsRunning, action);
        }
        public bool IsFinished(double secondsRunning) => false;
        public bool Drives => inner.Drives;
        public void Dispose() => _release.Set();
    }

    [Fact]
    public void ALoopStuckInATickIsToldTheRunIsEndingAndTheMotorIsCutWithoutIt()
    {
        var scenario = new Scenario { Name = "stuck", Duration = 3600, Initial = new InitialState { Release = 3000, Reaction = 3000 } };
        var config = HilRunner.Configure(scenario);
        using var rig = SimulatedRig.Create(scenario, config, realTime: false);
        using var stuck = new StuckAfter(new PolicyActions(PolicyFile.Load(HilPaths.TrainedPolicy)), 0.5);
        var robot = BalanceRobot.Create(config, stuck, rig.Hardware, rig.Clock, 1 << 16);
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(1));
        var session = new RobotSession(robot, TextWriter.Null);
        session.Run(stop, new SessionOptions { Arm = true });
        bool cut = !rig.Hardware.Pwm!.Running, told = robot.Faults.List().Any(f => f.Cause == FaultCause.ProcessEnding);
        stuck.Dispose(); // released, the loop ends (before the rig goes)
        Assert.True(SpinWait.SpinUntil(() => session.LoopEnded, TimeSpan.FromSeconds(10)), "the released loop did not end");
        Assert.True(stuck.Stuck, "the loop never got stuck: the test would prove nothing");
        Assert.True(rig.Hardware.Pwm.MaxDuty > 0, "the motor never drove: the test would prove nothing");
        Assert.True(cut, "the motor was still driven while the loop was stuck");
        Assert.True(told, "the stuck loop was not told the run is ending: released, it could drive again");
    }

    /// <summary>Counts what its writer's thread allocated between consecutive status lines (the session's own thread).</summary>
    sealed class AllocationCountingConsole : TextWriter
    {
        long _lastLine = -1;
        public readonly List<long> BetweenLines = [];
        public int Lines;
        public override System.Text.Encoding Encoding => System.Text.Encoding.UTF8;
        public override void Write(char[] buffer, int index, int count) => Line(buffer[index] == '\r');
        public override void Write(string? value) => Line(value is ['\r', ..]);
        void Line(bool status)
        {
            if (!status) return;
            long now = GC.GetAllocatedBytesForCurrentThread();
            if (_lastLine >= 0) BetweenLines.Add(now - _lastLine);
            _lastLine = GC.GetAllocatedBytesForCurrentThread();
            Lines++;
        }
    }

    [Fact]
    public void TheStatusLineEveryHalfSecondAllocatesNothing()
    {
        var (rig, robot) = HeldRobot("status");
        using var _ = rig;
        var console = new AllocationCountingConsole();
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(4));
        new RobotSession(robot, console).Run(stop, (Stream?)null, commands: null, arm: true);
        Assert.True(console.Lines >= 6, $"{console.Lines} status lines");
        // The first lines see the state change to Arming and Running (a line of their own, allocated); the last ones are steady.
        Assert.Equal(0, console.BetweenLines[^1]);
        Assert.Equal(0, console.BetweenLines[^2]);
    }
}
