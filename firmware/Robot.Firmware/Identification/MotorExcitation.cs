using Robot.Firmware.Control;

namespace Robot.Firmware.Identification;

/// <summary>
/// The motor experiment's duty schedule (body clamped, wheel off the ground; docs/deploy.md): rest,
/// steps of growing size in both directions, a slow triangle through the deadband, a chirp, rest.
/// Steps show the gain and the time constant, the triangle the deadband and dry friction, the chirp
/// the inertia; the rests give the battery's no-load voltage and the electronics' own current.
/// Amplitudes stay at or below <see cref="LargestDuty"/> so a wheel spinning free stays under the
/// runaway limit of a 12 V-class gearmotor; the motor gate's duty limit applies on top.
/// </summary>
public sealed class MotorExcitation : IActionSource
{
    public bool WheelInTheAir => true;

    public const double LargestDuty = 0.5;
    static readonly double[] StepDuties = [0.1, 0.2, 0.35, LargestDuty];
    const double Rest = 1.0, StepHold = 1.0, StepGap = 0.5;
    const double TriangleDuty = 0.12, TriangleSeconds = 4.0;
    const double ChirpDuty = 0.3, ChirpSeconds = 6.0, ChirpStartHz = 0.5, ChirpEndHz = 12.0;

    static double StepsEnd => Rest + StepDuties.Length * 2 * (StepHold + StepGap);
    static double TriangleEnd => StepsEnd + TriangleSeconds;
    static double ChirpEnd => TriangleEnd + ChirpSeconds;

    /// <summary>The whole schedule, s.</summary>
    public static double Duration => ChirpEnd + Rest;

    /// <summary>The commanded duty <paramref name="t"/> seconds into the schedule (0 before and after).</summary>
    public static double Duty(double t)
    {
        if (t < Rest || t >= ChirpEnd) return 0;
        if (t < StepsEnd)
        {
            double u = t - Rest, period = 2 * (StepHold + StepGap);
            int step = (int)(u / period);
            double within = u - step * period;
            if (within < StepHold) return StepDuties[step];
            if (within < StepHold + StepGap) return 0;
            return within < 2 * StepHold + StepGap ? -StepDuties[step] : 0;
        }
        if (t < TriangleEnd)
        {
            // 0 -> +a -> -a -> 0: through the deadband twice in each direction, slowly.
            double phase = (t - StepsEnd) / TriangleSeconds;
            double tri = phase < 0.25 ? 4 * phase : phase < 0.75 ? 2 - 4 * phase : 4 * phase - 4;
            return TriangleDuty * tri;
        }
        // A linear chirp: the phase integrates the frequency sweeping from start to end.
        double s = t - TriangleEnd;
        double k = (ChirpEndHz - ChirpStartHz) / ChirpSeconds;
        return ChirpDuty * Math.Sin(2 * Math.PI * (ChirpStartHz * s + k * s * s / 2));
    }

    public bool Act(float[] observation, double secondsRunning, float[] action)
    {
        action[0] = (float)Duty(secondsRunning);
        return true;
    }

    public bool IsFinished(double secondsRunning) => secondsRunning >= Duration;

    public bool Drives => false;
}
