using Robot.Firmware.Control;

namespace Robot.Firmware.Identification;

/// <summary>
/// The pendulum experiment (robot hung upside down by its axle, wheel held, body let go from about
/// 20 degrees; docs/deploy.md): the motor is never driven. The robot is not armed at all, so the
/// supervisor keeps the bridge off in its stop mode (coast: the windings open, so the only damping
/// is the gearbox's friction) while the loop logs the IMU every tick for <see cref="Duration"/>.
/// </summary>
public sealed class PendulumExperiment : IActionSource
{
    /// <summary>How long the swing is logged, s: long enough for the swing to decay measurably.</summary>
    public const double Duration = 30;

    public bool Act(float[] observation, double secondsRunning, float[] action)
    {
        action[0] = 0;
        return true;
    }

    public bool IsFinished(double secondsRunning) => true; // should it ever run, it stops at once

    public bool Drives => false;
}
