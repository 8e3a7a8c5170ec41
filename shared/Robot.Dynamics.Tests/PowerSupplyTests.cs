using Robot.Dynamics.Plant;

namespace Robot.Dynamics.Tests;

public class PowerSupplyTests
{
    static readonly UniwheelPlant Plant = new(new UniwheelParameters { Deadband = 0.5, Resistance = 2.0, BackEmfConstant = 0.3, BatteryVoltage = 12.0 });
    static readonly PowerSupply Pack = new(12.0, InternalResistance: 0.1, QuiescentAmps: 0.05);

    [Fact]
    public void AStalledMotorAtFullDutyDrawsThroughTheWindingAndSagsTheTerminals()
    {
        // At the open-circuit voltage: (12 - 0.5 deadband) / 2 ohm = 5.75 A, plus 0.05 A; the terminals drop 0.1 ohm x 5.8 A.
        Assert.Equal(5.8, Pack.Current(Plant, 1, 0, open: false, terminalVolts: 12.0), 9);
        Assert.Equal(12.0 - 0.58, Pack.TerminalVolts(Plant, 1, 0, open: false), 9);
        // Drawn at the sagged voltage: (11.42 - 0.5) / 2 + 0.05.
        Assert.Equal((11.42 - 0.5) / 2 + 0.05, Pack.Current(Plant, 1, 0, open: false), 9);
    }

    [Fact]
    public void TheBridgePassesTheWindingCurrentForTheDutysShareAndBackEmfOpposesIt()
    {
        // Half duty at 6 V on the motor, turning at 10 rad/s (3 V back-EMF): (6 - 0.5 - 3) / 2 = 1.25 A in the winding, half of it from the pack.
        Assert.Equal(0.05 + 0.5 * 1.25, Pack.Current(Plant, 0.5, 10, open: false, terminalVolts: 12.0), 9);
    }

    [Fact]
    public void AnOpenBridgeDrawsOnlyTheElectronicsAndAChargeDoesNotRaiseTheTerminals()
    {
        Assert.Equal(0.05, Pack.Current(Plant, 1, 0, open: true), 12);
        Assert.Equal(12.0 - 0.1 * 0.05, Pack.TerminalVolts(Plant, 1, 0, open: true), 12);
        // Driven backwards by the wheel (back-EMF above the drive): the pack is charged, its terminals held at the open-circuit voltage.
        Assert.True(Pack.Current(Plant, 0.2, 60, open: false, terminalVolts: 12.0) < 0);
        Assert.Equal(12.0, Pack.TerminalVolts(Plant, 0.2, 60, open: false), 12);
    }
}
