using Robot.Firmware.Devices.Motor;
using Robot.Firmware.Safety;
using Robot.Firmware.Testing;
using Robot.Observation;

namespace Robot.Firmware.Tests.Safety;

/// <summary>The watchdog and the motor gate: a stuck loop and the e-stop cut the motor from another thread, and it stays cut.</summary>
public class WatchdogTests
{
    sealed class Rig
    {
        public readonly FakePwmChannel Pwm = new();
        public readonly FakeDirectionPins Pins = new();
        public readonly FaultSet Faults = new();
        public readonly MotorGate Gate;
        public readonly Watchdog Watchdog;
        public bool EStop;

        public Rig()
        {
            Gate = new MotorGate(new HBridgeMotor(Pwm, Pins, 0.9), Faults);
            Watchdog = new Watchdog(new SupervisorLimits { WatchdogSeconds = 0.025 }, Gate, Faults, () => EStop);
        }
    }

    [Fact]
    public void AStuckLoopIsCutWithinTheWatchdogTimeAndStaysCut()
    {
        var rig = new Rig();
        var clock = new SimulatedClock();
        using var timer = clock.Every(Watchdog.CheckPeriodNanoseconds, rig.Watchdog.Check);
        rig.Watchdog.Kick(clock.NowNanoseconds);
        for (int k = 0; k < 100; k++) // a healthy loop: a tick every 5 ms
        {
            rig.Gate.Drive(0.5);
            clock.Advance(5_000_000);
            rig.Watchdog.Kick(clock.NowNanoseconds);
        }
        Assert.False(rig.Faults.Any);
        Assert.True(rig.Pwm.Running);
        long stuckAt = clock.NowNanoseconds;
        long cutAt = -1;
        clock.Moved += (_, now) => { if (cutAt < 0 && !rig.Pwm.Running) cutAt = now; };
        clock.Advance(1_000_000_000); // the loop thread is inside a one-second I2C transfer
        Assert.True(rig.Faults.Has(FaultCause.Watchdog));
        Assert.False(rig.Pwm.Running);
        Assert.Equal(0, rig.Pwm.DutyCycle);
        Assert.Equal((false, false), rig.Pins.Last);
        Assert.InRange((cutAt - stuckAt) / 1e6, 25, 27);
        Assert.Equal(0, rig.Gate.Drive(0.5)); // the loop comes back and tries to drive: refused
        Assert.False(rig.Pwm.Running);
    }

    [Fact]
    public void TheEStopIsHonouredWithoutTheLoop()
    {
        var rig = new Rig();
        rig.Watchdog.Kick(0);
        rig.Gate.Drive(0.7);
        rig.EStop = true;
        rig.Watchdog.Check(1_000_000);
        Assert.Equal(FaultCause.EmergencyStop, rig.Faults.Active);
        Assert.False(rig.Pwm.Running);
    }

    /// <summary>
    /// A loop that ended on purpose (Disengage) is not judged, though the motor had been driven; the
    /// same silence without Disengage is a watchdog fault (so the test fails if Disengage does nothing).
    /// </summary>
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void ADisengagedWatchdogJudgesNothing(bool disengaged)
    {
        var rig = new Rig();
        rig.Watchdog.Check(10_000_000_000); // never kicked: nothing to judge
        Assert.False(rig.Faults.Any);
        rig.Watchdog.Kick(0);
        rig.Gate.Drive(0.5);
        Assert.True(rig.Gate.MayDrive);
        if (disengaged) rig.Watchdog.Disengage();
        rig.Watchdog.Check(10_000_000_000);
        Assert.Equal(disengaged ? FaultCause.None : FaultCause.Watchdog, rig.Faults.Active);
    }

    [Fact]
    public void ACutFromAnotherThreadWhileTheLoopDrivesLeavesTheMotorCut()
    {
        for (int round = 0; round < 50; round++)
        {
            var rig = new Rig();
            using var go = new Barrier(2);
            var loop = new Thread(() =>
            {
                go.SignalAndWait();
                for (int k = 0; k < 2000; k++) rig.Gate.Drive(0.3 + (k % 5) * 0.1);
            });
            loop.Start();
            go.SignalAndWait();
            Thread.SpinWait(round * 50);
            rig.Faults.Report(FaultCause.Watchdog, 0, "stuck");
            rig.Gate.Cut();
            loop.Join();
            Assert.False(rig.Pwm.Running);
            Assert.Equal(0, rig.Pwm.DutyCycle);
        }
    }
}
