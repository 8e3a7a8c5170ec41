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
    [Fact]
    public void AFullDiskUnderTheTelemetryEndsTheRunWithTheMotorStopped()
    {
        var scenario = new Scenario { Name = "full-disk", Duration = 3600, Initial = new InitialState { Release = 3000, Reaction = 3000 } };
        var config = HilRunner.ConfigureLoose(scenario);
        using var rig = SimulatedRig.Create(scenario, config, realTime: true);
        var robot = BalanceRobot.Create(config, PolicyFile.Load(HilPaths.TrainedPolicy), rig.Hardware, rig.Clock);
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        // About 500 rows fit: the disk fills some 1.5 s after arming, while the policy drives the held robot's wheel.
        int code = new RobotSession(robot, TextWriter.Null).Run(stop, new FullDiskStream(80_000), commands: null, arm: true);
        Assert.False(stop.IsCancellationRequested && code == ExitCode.Success, "the run ended on its time limit, not on the full disk");
        Assert.Equal(ExitCode.DeviceOrIo, code);
        Assert.True(rig.Hardware.Pwm!.MaxDuty > 0, "the motor never drove: the test would prove nothing");
        Assert.False(rig.Hardware.Pwm.Running);
        Assert.Equal(0, rig.Hardware.Pwm.DutyCycle);
    }
}
