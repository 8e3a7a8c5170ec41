using Robot.Firmware.Devices.As5600;
using Robot.Firmware.Devices.Mpu6050;
using Robot.Firmware.Safety;
using Robot.Firmware.Safety.Checks;
using Robot.Observation;

namespace Robot.Firmware.Tests.Safety.Checks;

/// <summary>Each check on its own: what it reports, when, and what it rides through.</summary>
public class CheckTests
{
    static readonly SupervisorLimits Limits = new() { LowBatteryVoltage = 9.5, MaxCurrent = 3 };

    static Mpu6050Sample Sample(int noise, short up = 16384, short rate = 0) => new((short)noise, 0, up, 0, 0, rate, 0);

    static bool Imu(ImuCheck check, double t, FaultSet faults, bool ok = true, int noise = 0, short up = 16384, short rate = 0, bool armed = true)
    {
        var s = Sample(noise, up, rate);
        return check.Check(t, ok, s, s.AccelX, up, rate, armed, faults);
    }

    [Fact]
    public void ImuIsolatedFailuresAreRiddenThroughAndARunFaults()
    {
        var check = new ImuCheck(Limits);
        var faults = new FaultSet();
        double t = 0;
        for (int k = 0; k < 50; k++, t += 0.005)
            Assert.Equal(k % 10 != 3, Imu(check, t, faults, ok: k % 10 != 3, noise: k));
        Assert.False(faults.Any);
        for (int k = 0; k < Limits.MaxConsecutiveReadFailures; k++, t += 0.005) Imu(check, t, faults, ok: false);
        Assert.True(faults.Has(FaultCause.ImuReadFailures));
    }

    [Fact]
    public void OneLongGapIsAFaultEvenWhenTheReadThenSucceeds()
    {
        var check = new ImuCheck(Limits);
        var faults = new FaultSet();
        Imu(check, 1.000, faults, noise: 1);
        Imu(check, 1.005, faults, noise: 2);
        Assert.False(faults.Any);
        Imu(check, 1.005 + Limits.ImuBlindSeconds + 0.001, faults, noise: 3); // a read that stalled, then returned good data
        Assert.True(faults.Has(FaultCause.ImuStale));
    }

    [Fact]
    public void FrozenSaturatedResetAndGyroSaturatedSamplesFault()
    {
        void Expect(FaultCause cause, Func<int, (int Noise, short Up, short Rate)> sample, int ticks)
        {
            var check = new ImuCheck(Limits);
            var faults = new FaultSet();
            for (int k = 0; k < ticks; k++)
            {
                var (n, up, rate) = sample(k);
                Imu(check, k * 0.005, faults, noise: n, up: up, rate: rate);
            }
            Assert.Equal(cause, faults.Active);
        }
        Expect(FaultCause.ImuFrozen, k => (0, 16384, 0), ImuCheck.FrozenAfter + 1);
        Expect(FaultCause.ImuOutOfRange, k => (k, short.MaxValue, 0), 1);
        Expect(FaultCause.ImuOutOfRange, k => (0, 0, 0), 1); // a chip that reset reads zeros: no gravity
        Expect(FaultCause.GyroSaturated, k => (k, 16384, short.MinValue), Limits.GyroSaturatedSamples);
        Expect(FaultCause.None, k => (k, 16384, k % 2 == 0 ? short.MaxValue : (short)30000), 50); // a spike now and then is not saturation
    }

    [Fact]
    public void NothingIsReportedWhileDisarmed()
    {
        var check = new ImuCheck(Limits);
        var faults = new FaultSet();
        for (int k = 0; k < 100; k++) Imu(check, k * 0.005, faults, ok: false, armed: false);
        Assert.False(faults.Any);
    }

    [Fact]
    public void AGarbageEncoderReadBeforeArmingDoesNotLockTheRobotOut()
    {
        var check = new EncoderCheck(Limits);
        var faults = new FaultSet();
        Assert.True(check.Check(0, true, 3000, tracking: false, armed: true, faults)); // garbage first read
        for (int k = 1; k < 10; k++) Assert.True(check.Check(k * 0.005, true, (ushort)(100 + k), tracking: false, armed: true, faults));
        Assert.Equal(109, check.Reference);
        // Once the policy drives, a jump no wheel can make is rejected, and a run of them faults.
        Assert.False(check.Check(0.05, true, 2100, tracking: true, armed: true, faults));
        Assert.True(check.Check(0.055, true, 112, tracking: true, armed: true, faults));
        for (int k = 0; k < Limits.MaxConsecutiveReadFailures; k++) check.Check(0.06 + k * 0.005, true, 3000, tracking: true, armed: true, faults);
        Assert.Equal(FaultCause.EncoderReadFailures, faults.Active);
    }

    /// <summary>
    /// A wheel at 40 rad/s read 5 ms apart, then one tick late: 15 ms between reads, 391 counts. In
    /// the loop's 5 ms that step would be 78 rad/s, past any wheel; in the 15 ms that really passed it
    /// is the same 40 rad/s, and no fault (issue 26: a busy machine faulted encoder_read_failures).
    /// </summary>
    [Fact]
    public void ALateReadIsJudgedByTheTimeThatReallyPassed()
    {
        var check = new EncoderCheck(Limits);
        var faults = new FaultSet();
        const double rate = 40 * As5600Scale.CountsPerTurn / (2 * Math.PI); // counts per second
        double t = 0, angle = 0;
        // Already turning when the policy takes over (tracking: the reference follows, the speed is learned).
        for (int k = 0; k < 20; k++, t += 0.005, angle += rate * 0.005)
            Assert.True(check.Check(t, true, (ushort)((int)angle % As5600Scale.CountsPerTurn), tracking: k >= 10, armed: true, faults));
        for (int late = 0; late < 5; late++)
        {
            t += 0.015;
            angle += rate * 0.015;
            Assert.True(check.Check(t, true, (ushort)((int)angle % As5600Scale.CountsPerTurn), tracking: true, armed: true, faults), $"late read {late}");
        }
        Assert.False(faults.Any);
        // The same step claimed 5 ms after the last good read is still a glitch.
        Assert.False(check.Check(t + 0.005, true, (ushort)((int)(angle + rate * 0.015) % As5600Scale.CountsPerTurn), tracking: true, armed: true, faults));
    }

    /// <summary>
    /// The encoder's direction flips while the wheel turns at 20 rad/s: from then on it reads the mirror
    /// image (4096 - count) of the angle. Two such reads in a row are a reversal, not a glitch
    /// (direction_mismatch, before encoder_read_failures); a glitch landing elsewhere is only a failed read.
    /// </summary>
    [Fact]
    public void ReadsOnTheMirrorImageOfTheAngleAreAReversedEncoder()
    {
        const double rate = 20 * As5600Scale.CountsPerTurn / (2 * Math.PI);
        ushort At(double angle, bool mirrored) => (ushort)(((mirrored ? -(int)angle : (int)angle) % As5600Scale.CountsPerTurn + As5600Scale.CountsPerTurn) % As5600Scale.CountsPerTurn);
        var check = new EncoderCheck(Limits);
        var faults = new FaultSet();
        double t = 0, angle = 700;
        for (int k = 0; k < 10; k++, t += 0.005, angle += rate * 0.005) Assert.True(check.Check(t, true, At(angle, false), tracking: k >= 5, armed: true, faults)); // the speed learned before the policy drives
        Assert.False(check.Check(t, true, 3000, tracking: true, armed: true, faults)); // a glitch
        Assert.False(faults.Any);
        t += 0.005; angle += rate * 0.005;
        Assert.True(check.Check(t, true, At(angle, false), tracking: true, armed: true, faults));
        for (int k = 0; k < 2; k++)
        {
            t += 0.005; angle += rate * 0.005;
            Assert.False(check.Check(t, true, At(angle, true), tracking: true, armed: true, faults));
        }
        Assert.Equal(FaultCause.DirectionMismatch, faults.Active);
    }

    [Fact]
    public void AMagnetLostWhileArmedFaults()
    {
        var check = new EncoderCheck(Limits);
        var faults = new FaultSet();
        check.CheckMagnet(0, MagnetStatus.Detected, armed: true, faults);
        check.CheckMagnet(0, null, armed: true, faults); // a failed status read is judged by the angle reads
        check.CheckMagnet(0, 0, armed: false, faults);
        Assert.False(faults.Any);
        check.CheckMagnet(1, MagnetStatus.Detected | MagnetStatus.TooWeak, armed: true, faults);
        Assert.Equal(FaultCause.MagnetLost, faults.Active);
    }

    [Fact]
    public void BatteryLowSustainedOverCurrentSilentAndStuckMonitorsFault()
    {
        var faults = new FaultSet();
        var check = new BatteryCheck(Limits);
        for (int k = 0; k < 20; k++) check.Check(k * 0.05, new BatteryReading(11.1, k == 5 ? 4 : 1 + 0.01 * k), true, true, faults); // one spike
        Assert.False(faults.Any);
        for (int k = 20; k < 40; k++) check.Check(k * 0.05, new BatteryReading(11.1, 4 + 0.01 * k), true, true, faults);
        Assert.Equal(FaultCause.OverCurrent, faults.Active);

        faults = new FaultSet();
        check = new BatteryCheck(Limits);
        check.Check(0, new BatteryReading(11.1, 1.5 * 3 + 0.1), true, true, faults); // a short trips at once
        Assert.Equal(FaultCause.OverCurrent, faults.Active);

        faults = new FaultSet();
        check = new BatteryCheck(Limits);
        for (int k = 0; k < 100; k++) check.Check(k * 0.05, new BatteryReading(9.0 + 0.001 * k, 1), true, false, faults);
        Assert.Equal(FaultCause.LowBattery, faults.Active);

        faults = new FaultSet();
        check = new BatteryCheck(Limits);
        for (int k = 0; k < Limits.MaxConsecutiveReadFailures; k++) check.Check(k * 0.05, null, true, true, faults);
        Assert.Equal(FaultCause.BatteryMonitorSilent, faults.Active);

        faults = new FaultSet();
        check = new BatteryCheck(Limits);
        for (int k = 0; k < 30; k++) check.Check(k * 0.05, new BatteryReading(11.1, 1.2), true, driving: false, faults); // resting: may not change
        Assert.False(faults.Any);
        for (int k = 30; k < 60; k++) check.Check(k * 0.05, new BatteryReading(11.1, 1.2), true, driving: true, faults);
        Assert.Equal(FaultCause.BatteryMonitorFrozen, faults.Active);
    }

    [Fact]
    public void ARunawayWheelAndAStalledMotorFaultOnlyWhenSustained()
    {
        var faults = new FaultSet();
        var check = new MotorCheck(Limits);
        for (int k = 0; k < 200; k++) check.Check(k * 0.005, 0.9, k % 20 == 0 ? 50 : 5, true, faults); // a fast tick now and then
        Assert.False(faults.Any);
        for (int k = 200; k < 240; k++) check.Check(k * 0.005, 0.3, 40, true, faults);
        Assert.Equal(FaultCause.Runaway, faults.Active);

        faults = new FaultSet();
        check = new MotorCheck(Limits);
        for (int k = 0; k < 200; k++) check.Check(k * 0.005, 0.8, 0.1, driving: false, faults);
        Assert.False(faults.Any);
        for (int k = 200; k < 320; k++) check.Check(k * 0.005, 0.8, 0.1, driving: true, faults);
        Assert.Equal(FaultCause.MotorStall, faults.Active);
    }

    [Fact]
    public void AWheelMeantToSpinFreeRunsAwayOnlyBeyondTheFreeWheelLimit()
    {
        var limits = Limits with { RunawayWheelRate = 13.5, FreeWheelRunawayRate = 26 };
        var faults = new FaultSet();
        var check = new MotorCheck(limits);
        for (int k = 0; k < 100; k++) check.Check(k * 0.005, 0.5, 18, true, faults, wheelInTheAir: true); // the motor experiment's 0.5 step
        Assert.False(faults.Any);
        for (int k = 100; k < 200; k++) check.Check(k * 0.005, 0.5, 18, true, faults);
        Assert.Equal(FaultCause.Runaway, faults.Active);
    }

    [Theory]
    [InlineData(3, true)]   // forward counts: passes
    [InlineData(-3, false)] // backward: wired in reverse
    [InlineData(0, false)]  // nothing: no motor
    public void TheDirectionPulseMustTurnTheWheelForward(int countsPerTick, bool passes)
    {
        var faults = new FaultSet();
        var check = new DirectionCheck(Limits);
        int count = 4090; // across the wrap
        check.Begin(0, count);
        bool pulsed = false;
        for (int k = 1; k < 30 && !check.Passed && !faults.Any; k++)
        {
            double duty = check.Step(k * 0.005, count & 4095, faults);
            pulsed |= duty > 0;
            if (duty > 0) count += countsPerTick;
        }
        Assert.True(pulsed);
        Assert.Equal(passes, check.Passed);
        Assert.Equal(passes ? FaultCause.None : FaultCause.DirectionCheck, faults.Active);
    }
}
