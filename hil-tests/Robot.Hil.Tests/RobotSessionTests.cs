using Robot.Cli;
using Robot.Firmware.Runtime;
using Robot.Firmware.Testing;
using Robot.Hil.Running;
using Robot.Hil.Scenarios;
using Robot.Hil.Simulation;
using Robot.Policy;

namespace Robot.Hil.Tests;

/// <summary>The run's session on the simulated robot in real time: how a run ends when telemetry cannot be written.</summary>
[Collection("Processes")]
public class RobotSessionTests
{
    /// <summary>The simulated robot on the wall clock, held by the hand for the whole test, with the trained policy and loose timing limits.</summary>
    static (SimulatedRig Rig, BalanceRobot Robot) HeldRobot(string name)
    {
        var scenario = new Scenario { Name = name, Duration = 3600, Initial = new InitialState { Release = 3000, Reaction = 3000 } };
        var config = HilRunner.ConfigureLoose(scenario);
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
