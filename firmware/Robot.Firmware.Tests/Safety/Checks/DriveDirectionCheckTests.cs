using Robot.Firmware.Safety;
using Robot.Firmware.Safety.Checks;
using Robot.Observation;

namespace Robot.Firmware.Tests.Safety.Checks;

/// <summary>Direction plausibility while running: the wheel's speed change against the duty, from encoder counts.</summary>
public class DriveDirectionCheckTests
{
    static readonly SupervisorLimits Limits = new();
    const double CountsPerRadian = As5600Scale.CountsPerTurn / (2 * Math.PI);

    /// <summary>
    /// Runs the check at <paramref name="rateHz"/> for <paramref name="seconds"/>: the wheel (relative to the body)
    /// at rate(t) rad/s, the body pitching at pitchRate; returns the fault set.
    /// </summary>
    static FaultSet Run(double duty, Func<double, double> rate, double seconds, double rateHz = 200, double pitchRate = 0, DriveDirectionCheck? check = null)
    {
        check ??= new DriveDirectionCheck(Limits);
        var faults = new FaultSet();
        double angle = 1000, dt = 1 / rateHz;
        for (double t = 0; t < seconds; t += dt)
        {
            check.Check(t, duty, (int)Math.Floor(angle * CountsPerRadian) & (As5600Scale.CountsPerTurn - 1), pitchRate, running: true, sensed: true, faults);
            angle += rate(t) * dt;
        }
        return faults;
    }

    [Fact]
    public void AWheelSpeedingUpAgainstTheDutyFaultsWithinFiftyMilliseconds()
    {
        // Swapped leads at duty 0.4: the wheel speeds up backward at 300 rad/s^2 (as in the HIL's fault-motor-reversed-mid-run).
        var faults = Run(0.4, t => -300 * t, 0.1);
        Assert.Equal(FaultCause.DirectionMismatch, faults.Active);
        Assert.True(faults.First.Time <= 0.05, $"at {faults.First.Time:F3} s");
    }

    [Theory]
    [InlineData(200)]
    [InlineData(1000)]
    public void AWheelSpeedingUpWithTheDutyIsFineAtAnyLoopRate(double rateHz) => Assert.False(Run(0.4, t => Math.Min(300 * t, 30), 1, rateHz).Any);

    [Fact]
    public void BelowTheDutyThatSurelyMovesTheWheelNothingIsJudged() => Assert.False(Run(Limits.DirectionMismatchDuty * 0.9, t => -300 * t, 0.5).Any);

    [Fact]
    public void AFastWheelSlowingUnderALowerDutyIsBackEmfNotAFault() =>
        // Turning forward at 20 rad/s, the duty falls to 0.3: back-EMF outweighs it, the wheel slows to 5 rad/s. Not weighed.
        Assert.False(Run(0.3, t => 20 - 200 * t, 0.075).Any);

    [Fact]
    public void AWheelRollingAgainstTheDutyWithoutSlowingIsAReversedEncoder()
    {
        // The duty limit holds the true wheel at 10 rad/s backward; the reversed encoder shows it forward under a backward duty.
        var faults = Run(-0.5, _ => 10, 0.5);
        Assert.Equal(FaultCause.DirectionMismatch, faults.Active);
        // The same wheel under a braking drive that slows it at 100 rad/s^2 is fine.
        Assert.False(Run(-0.5, t => Math.Max(10 - 100 * t, 0), 0.5).Any);
    }

    [Fact]
    public void ABodyTopplingOverAWheelItsMotorCannotHoldIsNoReversal()
    {
        // A collapsed battery: the body falls forward at 5 rad/s over a wheel that stays put on the ground, so the wheel
        // turns backward relative to the body at 5 rad/s under a full forward duty. Over the ground it does not roll against it.
        Assert.False(Run(0.9, _ => -5, 0.5, pitchRate: 5).Any);
    }

    [Fact]
    public void APushChangesTheSpeedOnceAndIsForgotten()
    {
        // Every 0.25 s a shove drops the wheel's speed by 4 rad/s against a 0.5 duty; the motor wins it back at 200 rad/s^2.
        Assert.False(Run(0.5, t => Math.Min(-4 + 200 * (t % 0.25), 0), 2).Any);
    }

    [Fact]
    public void ANotRunningRobotIsNotJudgedAndStartsAfresh()
    {
        var check = new DriveDirectionCheck(Limits);
        var faults = new FaultSet();
        for (int k = 0; k < 40; k++) check.Check(k * 0.005, 0.4, (int)(-300 * k * 0.005 * k * 0.005 / 2 * CountsPerRadian) & 4095, 0, running: false, sensed: true, faults);
        Assert.False(faults.Any);
        Assert.Equal(0, check.Evidence);
    }
}
