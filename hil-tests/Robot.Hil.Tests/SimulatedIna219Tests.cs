using Robot.Firmware.Configuration;
using Robot.Firmware.Devices.Ina219;
using Robot.Firmware.Safety;
using Robot.Firmware.Safety.Checks;
using Robot.Firmware.Testing;
using Robot.Hil.Scenarios;
using Robot.Hil.Simulation;
using Robot.Observation;

namespace Robot.Hil.Tests;

/// <summary>The battery monitor's setup at register level: the shunt range and calibration for the configured limit, and a trip it can reach.</summary>
public class SimulatedIna219Tests
{
    static ushort Register(SimulatedIna219 chip, byte register)
    {
        var data = new byte[2];
        chip.WriteRead([register], data);
        return (ushort)((data[0] << 8) | data[1]);
    }

    static (SimulatedWorld World, SimulatedIna219 Chip) Rig()
    {
        var world = new SimulatedWorld(new Scenario(), new LockstepTime(new SimulatedClock()), 0.005);
        return (world, new SimulatedIna219(world, 1, 0x40, seed: 1));
    }

    [Theory]
    [InlineData(2.0, 3, 4194)]  // trip 3 A = 0.30 V: the 320 mV range (PG 11); 0.32 / 0.1 / 2^15 A a count
    [InlineData(1.0, 2, 8388)]  // trip 1.5 A = 0.15 V: 160 mV (PG 10), twice the resolution
    [InlineData(0.5, 1, 16777)] // trip 0.75 A = 0.075 V: 80 mV (PG 01)
    public void TheShuntRangeAndCalibrationFollowTheLimit(double maxCurrent, int gainBits, int calibration)
    {
        var (_, chip) = Rig();
        BatteryMonitor.Configure(chip, SimulatedIna219.ShuntOhms, maxCurrent);
        Assert.Equal(gainBits, (Register(chip, 0x00) >> 11) & 3);
        Assert.Equal(calibration, Register(chip, 0x05));
    }

    [Fact]
    public void AStalledMotorTripsTheInstantLimitThroughTheCurrentRegister()
    {
        var (world, chip) = Rig();
        BatteryMonitor.Configure(chip, SimulatedIna219.ShuntOhms, 2.0);
        var monitor = new BatteryMonitor(chip, SimulatedIna219.ShuntOhms, 2.0);
        Assert.Equal(Robot.Dynamics.Plant.PowerSupply.ElectronicsAmps, monitor.ReadAmps(), 0.002); // the electronics' own draw, motor off
        world.SetDirection(true, false);
        world.SetPwm(0.9); // the wheel at rest: about 3.6 A, beyond the 320 mV range's 3.2 A
        double amps = monitor.ReadAmps();
        Assert.InRange(amps, 3.0, 3.21);
        var faults = new FaultSet();
        new BatteryCheck(new SupervisorLimits { MaxCurrent = 2.0, LowBatteryVoltage = 9 }).Check(0, new BatteryReading(monitor.ReadVolts(), amps), armed: true, driving: true, faults);
        Assert.True(faults.Has(FaultCause.OverCurrent));
    }

    [Fact]
    public void ALimitTheChipCannotReadIsRefusedByName()
    {
        var problems = new RobotConfig { Battery = new() { MonitorAddress = 0x40, ShuntOhms = 0.1 } }.WithLimits(("max_current", 3.0)).Validate();
        var problem = Assert.Single(problems);
        Assert.Contains("limits.max_current 3", problem);
        Assert.Contains("at most 2.13 A", problem);
        Assert.Empty(new RobotConfig { Battery = new() { MonitorAddress = 0x40, ShuntOhms = 0.05 } }.WithLimits(("max_current", 3.0)).Validate()); // a smaller shunt reads it
    }
}
