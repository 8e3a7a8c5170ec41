using Robot.Firmware.Testing;
using Robot.Firmware.Cli;
using Robot.Firmware.Configuration;
using Robot.Firmware.Loop;
using Robot.Hil.Running;
using Robot.Hil.Scenarios;
using Robot.Hil.Simulation;
using Robot.Policy;

namespace Robot.Hil.Tests;

/// <summary>Firmware commands other than the loop, on the simulated robot.</summary>
public class FirmwareOnSimulatedHardwareTests
{
    [Fact]
    public void CalibrationMeasuresTheGyroBiasAndTheUprightOffset()
    {
        var clock = new SimulatedClock();
        var scenario = new Scenario { Initial = new InitialState { Pitch = 0.03, Release = 100 }, Imu = new ImuImperfections { GyroBiasDegPerSecond = 0.5 } };
        var world = new SimulatedWorld(scenario, new LockstepTime(clock), 0.005);
        using var hardware = new SimulatedHardware(world, new RobotConfig(), 3);
        var result = CalibrateCommand.Calibrate(new RobotConfig(), hardware, clock, seconds: 2);
        Assert.Equal(0.5 * 131, result.GyroBiasCounts, 2.0); // within 2 counts of the true bias
        Assert.Equal(0.03, result.PitchOffsetRad, 0.002);
    }

    /// <summary>
    /// robot.json without a calibration (never run `calibrate`): the robot is asked to arm, held upright
    /// and still, and stays Disarmed saying why; the same robot calibrated arms (so the refusal is the calibration's).
    /// </summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void AnUncalibratedRobotRefusesToArm(bool calibrated)
    {
        var scenario = new Scenario { Duration = 3, Initial = new InitialState { Release = 100 } };
        var config = HilRunner.Configure(scenario);
        if (!calibrated) config = config with { Imu = config.Imu with { GyroBiasCounts = null, PitchOffset = null } };
        using var rig = SimulatedRig.Create(scenario, config, realTime: false);
        var robot = Robot.Firmware.Runtime.BalanceRobot.Create(config, PolicyFile.Load(HilPaths.TrainedPolicy), rig.Hardware, rig.Clock);
        robot.RequestArm();
        robot.Run(CancellationToken.None, maxTicks: 600);
        if (calibrated) Assert.Equal(Robot.Firmware.Safety.SupervisorState.Running, robot.Supervisor.State);
        else
        {
            Assert.Equal(Robot.Firmware.Safety.SupervisorState.Disarmed, robot.Supervisor.State);
            Assert.Contains("calibrat", robot.Supervisor.ArmRefusal);
            Assert.Equal(0, rig.Hardware.Pwm!.DutyCycle);
        }
    }

    [Fact]
    public void CalibrationRefusesWhenTheRobotIsNotHeldStill()
    {
        var clock = new SimulatedClock();
        var world = new SimulatedWorld(new Scenario { Initial = new InitialState { Pitch = 0.03, Release = 0.01 } }, new LockstepTime(clock), 0.005);
        using var hardware = new SimulatedHardware(world, new RobotConfig(), 3);
        var e = Assert.Throws<InvalidOperationException>(() => CalibrateCommand.Calibrate(new RobotConfig(), hardware, clock, seconds: 2)); // released: it falls
        Assert.Contains("calibration", e.Message);
    }
}
