using Robot.Firmware.Safety;
using Robot.Firmware.Safety.Checks;
using Robot.Observation;

namespace Robot.Firmware.Tests.Safety.Checks;

/// <summary>The free-wheel check: a wheel spinning up with the body unmoved faults; each way the ground shows itself keeps it quiet.</summary>
public class WheelLiftedCheckTests
{
    const double Rate = 200, Dt = 1 / Rate, Radius = 0.05;
    static readonly SupervisorLimits Limits = new();

    public enum Ground { None, BodyReacts, HandCarriesBody, GravityAllows, NotDriving, ImuFrozen }

    /// <summary>
    /// 0.5 s of a wheel that goes from rest toward 30 rad/s with a 10 ms time constant (a free
    /// wheel under a large duty), or, for GravityAllows, at the 50 rad/s^2 a 0.1 rad lean supports;
    /// the body as each case says. Returns when the fault came (s), or NaN.
    /// </summary>
    static double Run(Ground ground)
    {
        var check = new WheelLiftedCheck(Limits, Rate, Radius);
        var faults = new FaultSet();
        double pitch = ground == Ground.GravityAllows ? 0.1 : 0.02, wheel = 0, pitchRate = 0;
        for (int k = 0; k < 100; k++)
        {
            double t = k * Dt;
            double acceleration = ground == Ground.GravityAllows ? 50 : t < 0.05 ? 0 : (30 - wheel) / 0.01;
            wheel += acceleration * Dt;
            // On the ground the reaction turns the body back: a third of the wheel's change, as on the built-in robot.
            if (ground == Ground.BodyReacts) pitchRate -= 0.3 * acceleration * Dt;
            // A hand holding the body's pitch on the ground: the axle, and the IMU with it, accelerates with the wheel.
            double forwardG = -Math.Sin(pitch) + (ground == Ground.HandCarriesBody ? Radius * acceleration / Mpu6050Scale.StandardGravity : 0);
            // A frozen IMU repeats one sample: the body looks unmoved, but that proves nothing (imu_frozen's to name).
            check.Check(t, wheel, pitchRate, pitch, forwardG, Dt, driving: ground != Ground.NotDriving, faults, imuRepeating: ground == Ground.ImuFrozen);
            if (faults.Any)
            {
                Assert.Equal(FaultCause.WheelLifted, faults.Active);
                return t - 0.05;
            }
        }
        return double.NaN;
    }

    [Fact]
    public void AWheelSpinningUpWithTheBodyUnmovedIsLiftedWithin200Milliseconds()
    {
        double after = Run(Ground.None);
        Assert.InRange(after, 0, 0.2);
    }

    [Theory]
    [InlineData(Ground.BodyReacts)]
    [InlineData(Ground.HandCarriesBody)]
    [InlineData(Ground.GravityAllows)]
    [InlineData(Ground.NotDriving)]
    [InlineData(Ground.ImuFrozen)]
    public void AWheelOnTheGroundIsNotLifted(Ground ground) => Assert.True(double.IsNaN(Run(ground)), $"{ground}: faulted");

    /// <summary>
    /// Arming's direction pulse on a stand: 40 ms toward 12 rad/s (20 ms time constant), then coasting,
    /// judged from the pulse's first tick. Shorter than a window, it must still be seen before the
    /// pulse's settling ends (70 ms), so the robot never reaches Running on a stand.
    /// </summary>
    [Fact]
    public void ArmingsShortPulseOnAStandIsSeenBeforeItsSettlingEnds()
    {
        var check = new WheelLiftedCheck(Limits, Rate, Radius);
        var faults = new FaultSet();
        double wheel = 0, faultedAt = double.NaN;
        for (int k = 0; k < 14 && !faults.Any; k++)
        {
            double t = k * Dt;
            wheel += (t < 0.04 ? (12 - wheel) / 0.02 : -wheel / 0.5) * Dt;
            check.Check(t, wheel, 0, 0.02, -Math.Sin(0.02), Dt, driving: true, faults);
            if (faults.Any) faultedAt = t;
        }
        Assert.Equal(FaultCause.WheelLifted, faults.Active);
        Assert.InRange(faultedAt, 0, 0.07);
    }
}
