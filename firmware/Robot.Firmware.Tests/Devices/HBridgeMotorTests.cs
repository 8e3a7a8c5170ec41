using Robot.Firmware.Devices.Motor;
using Robot.Firmware.Testing;

namespace Robot.Firmware.Tests.Devices;

public class HBridgeMotorTests
{
    [Fact]
    public void SignSetsDirectionAndMagnitudeSetsDuty()
    {
        var pwm = new FakePwmChannel();
        var pins = new FakeDirectionPins();
        var motor = new HBridgeMotor(pwm, pins, dutyLimit: 0.8);
        Assert.False(pwm.Running); // starts disabled
        motor.Enable();
        Assert.True(pwm.Running);
        Assert.Equal(0.5, motor.SetDuty(0.5));
        Assert.Equal((true, false), pins.Last);
        Assert.Equal(0.5, pwm.DutyCycle);
        Assert.Equal(-0.3, motor.SetDuty(-0.3));
        Assert.Equal((false, true), pins.Last);
        Assert.Equal(0.3, pwm.DutyCycle, 12);
    }

    [Theory]
    [InlineData(StopMode.Coast, false)]
    [InlineData(StopMode.Brake, true)]
    public void StopCutsDutyThenCoastsOrBrakes(StopMode mode, bool level)
    {
        var pwm = new FakePwmChannel();
        var pins = new FakeDirectionPins();
        var motor = new HBridgeMotor(pwm, pins, 1.0, mode);
        motor.SetDuty(0.9);
        motor.Stop();
        Assert.Equal(0, pwm.DutyCycle);
        Assert.Equal((level, level), pins.Last);
        Assert.Equal(0, motor.AppliedDuty);
    }

    [Theory]
    [InlineData(StopMode.Coast, false)]
    [InlineData(StopMode.Brake, true)]
    public void DisableLeavesTheOutputOffInTheStopMode(StopMode mode, bool level)
    {
        var pwm = new FakePwmChannel();
        var pins = new FakeDirectionPins();
        var motor = new HBridgeMotor(pwm, pins, 1.0, mode);
        Assert.Equal((level, level), pins.Last); // from construction on
        Assert.True(pins.Standby);
        motor.Enable();
        Assert.False(pins.Standby);
        motor.SetDuty(-0.7);
        motor.Disable();
        Assert.True(pins.Standby);
        Assert.False(pwm.Running);
        Assert.False(motor.Enabled);
        Assert.Equal(0, pwm.DutyCycle);
        Assert.Equal((level, level), pins.Last);
    }

    [Fact]
    public void WhateverIsCommandedTheHardwareNeverSeesMoreThanTheLimit()
    {
        var pwm = new FakePwmChannel();
        var motor = new HBridgeMotor(pwm, new FakeDirectionPins(), dutyLimit: 0.6);
        var rng = new Random(1);
        double[] nasty = [double.NaN, double.PositiveInfinity, double.NegativeInfinity, 1e300, -1e300, 0.6000001, -0.6000001];
        for (int i = 0; i < 10_000; i++)
        {
            double command = i < nasty.Length ? nasty[i] : (rng.NextDouble() - 0.5) * 10;
            double applied = motor.SetDuty(command);
            Assert.InRange(applied, -0.6, 0.6);
            Assert.InRange(pwm.DutyCycle, 0, 0.6);
        }
        Assert.Equal(0, motor.SetDuty(double.NaN));
        Assert.Equal(0, pwm.DutyCycle);
    }
}
