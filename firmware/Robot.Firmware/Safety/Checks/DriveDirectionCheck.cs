using Robot.Observation;

namespace Robot.Firmware.Safety.Checks;

/// <summary>
/// Direction plausibility while running (arming's pulse checks it once, <see cref="DirectionCheck"/>).
/// A duty well above the deadband accelerates the wheel, relative to the body, in the duty's direction
/// whenever the wheel is not already turning that way fast (back-EMF and friction then both help the
/// drive, and the body's reaction to the torque adds to it). Swapped motor leads make such a duty
/// accelerate the wheel the other way; a reversed encoder makes it look so. And a wheel rolling against
/// such a duty, relative to both the body and the ground, must slow by at least
/// <see cref="MinBrakingAcceleration"/>: one that keeps its speed there is a reversed encoder on a wheel
/// the duty limit keeps from speeding up. (Relative to the body alone it may not: a body toppling over
/// a wheel its motor cannot hold turns the wheel backward against it.)
/// The wheel's speed is measured from raw encoder counts over at least <see cref="WindowSeconds"/>
/// (no filter lag, no gyro; a count's quantization kept small at any loop rate); each window whose duty
/// stayed on one side of DirectionMismatchDuty adds its speed change along the duty, less the braking
/// shortfall, to a sum that forgets with DirectionMismatchSeconds. Below -DirectionMismatchRate: fault.
/// A push or a bump changes the speed once and is forgotten; a reversed drive keeps adding.
/// </summary>
public sealed class DriveDirectionCheck(SupervisorLimits limits)
{
    /// <summary>
    /// The least deceleration of a wheel rolling against a duty of DirectionMismatchDuty, rad/s^2: the built-in
    /// robot's drive brakes it at about 300 (0.17 N m on its 6e-4 kg m^2 effective inertia); a robot at
    /// 60 % of its torque on a 2S pack still at over 100.
    /// </summary>
    public const double MinBrakingAcceleration = 50;

    /// <summary>Shortest span the wheel's speed is measured over, s (two ticks at 200 Hz, ten at 1 kHz).</summary>
    public const double WindowSeconds = 0.009;

    const double RadiansPerCount = 2 * Math.PI / As5600Scale.CountsPerTurn;

    bool _started;
    int _windowCount, _dutySign;
    double _windowStart, _lastRate = double.NaN, _evidence;
    bool _dutyHeld;

    /// <summary>The summed speed change along the duty, rad/s (negative: against it).</summary>
    public double Evidence => _evidence;

    /// <param name="duty">The duty that drove the motor since the last tick.</param>
    /// <param name="count">The encoder's count this tick (a good read).</param>
    /// <param name="pitchRate">The body's pitch rate, rad/s (for the wheel's speed over the ground).</param>
    /// <param name="sensed">This tick's encoder read was good (else nothing to judge: the window goes on).</param>
    public void Check(double time, double duty, int count, double pitchRate, bool running, bool sensed, FaultSet faults)
    {
        if (!running)
        {
            Reset();
            return;
        }
        if (!sensed) return;
        int sign = Math.Abs(duty) >= limits.DirectionMismatchDuty ? Math.Sign(duty) : 0;
        if (!_started)
        {
            StartWindow(time, count, sign);
            return;
        }
        _dutyHeld &= sign == _dutySign;
        double elapsed = time - _windowStart;
        if (elapsed < WindowSeconds) return;

        double rate = As5600Scale.ShortestStep(count - _windowCount) * RadiansPerCount / elapsed; // relative to the body
        if (_dutyHeld && _dutySign != 0 && !double.IsNaN(_lastRate))
        {
            double change = _dutySign * (rate - _lastRate);
            bool withDutyFast = Math.Sign(_lastRate) == _dutySign && Math.Abs(_lastRate) >= limits.DirectionSlowRate;
            bool rollingAgainst = Math.Sign(_lastRate) == -_dutySign && Math.Abs(_lastRate) >= limits.DirectionSlowRate
                && Math.Sign(_lastRate + pitchRate) == -_dutySign && Math.Abs(_lastRate + pitchRate) >= limits.DirectionSlowRate;
            double along = withDutyFast ? 0 : change - (rollingAgainst ? MinBrakingAcceleration * elapsed : 0);
            _evidence = _evidence * Math.Exp(-elapsed / limits.DirectionMismatchSeconds) + along;
        }
        else _evidence *= Math.Exp(-elapsed / limits.DirectionMismatchSeconds);
        _lastRate = rate;
        StartWindow(time, count, sign);
        if (_evidence < -limits.DirectionMismatchRate)
            faults.Report(FaultCause.DirectionMismatch, time,
                "duty {0:F2} but the wheel's speed fell {1:F1} rad/s against it: motor leads or encoder reversed", duty, -_evidence);
    }

    void StartWindow(double time, int count, int sign)
    {
        _started = true;
        _windowStart = time;
        _windowCount = count;
        _dutySign = sign;
        _dutyHeld = true;
    }

    public void Reset()
    {
        _started = false;
        _lastRate = double.NaN;
        _evidence = 0;
    }
}
