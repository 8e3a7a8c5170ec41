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
