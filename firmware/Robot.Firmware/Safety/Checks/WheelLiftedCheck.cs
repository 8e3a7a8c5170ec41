using Robot.Observation;

namespace Robot.Firmware.Safety.Checks;

/// <summary>
/// Judges, whenever the motor drives (arming's direction pulse and Running), whether the wheel still carries the robot. A wheel on the ground
/// that speeds up does one of two things to the body: it turns it the other way (the reaction
/// torque), or, when a hand holds the body's pitch, it carries the body along, and the IMU feels
/// the axle accelerate. A wheel in the air (the robot on a stand, or picked up by its body) spins up
/// with neither: the pitch rate unmoved and the IMU feeling nothing. Over a sliding window, the
/// wheel's speed relative to the body changed by more than gravity alone could ask of it at this
/// tilt, while the pitch rate changed by less than 4 % as much and the IMU's horizontal speed by
/// less than a quarter of what the axle's would have on the ground: the wheel is lifted.
/// Allocation-free per tick.
/// </summary>
public sealed class WheelLiftedCheck
{
    readonly SupervisorLimits _limits;
    readonly double _wheelRadius, _tickSeconds;
    readonly double[] _wheelRate, _pitchRate, _imuSpeed;
    readonly int _confirm;
    int _head, _filled, _evidence;
    double _imuSpeedSum;

    public WheelLiftedCheck(SupervisorLimits limits, double loopRate, double wheelRadius)
    {
        _limits = limits;
        _wheelRadius = wheelRadius;
        int window = Math.Max(2, (int)Math.Round(limits.WheelLiftedWindowSeconds * loopRate));
        _tickSeconds = 1 / loopRate;
        _confirm = Math.Max(1, (int)Math.Round(limits.WheelLiftedConfirmSeconds * loopRate));
        _wheelRate = new double[window + 1];
        _pitchRate = new double[window + 1];
        _imuSpeed = new double[window + 1];
    }

    /// <param name="relativeWheelRate">The wheel's speed relative to the body, rad/s.</param>
    /// <param name="pitchRate">The body's pitch rate, rad/s.</param>
    /// <param name="pitch">The body's pitch as the IMU's axes see it (uncorrected for its mounting), rad.</param>
    /// <param name="forwardG">The accelerometer's forward axis, g.</param>
    /// <param name="dt">Seconds since the previous tick.</param>
    /// <param name="imuRepeating">The IMU's raw sample is the same as last tick's: a frozen IMU also shows an unmoved body, so it is no evidence (imu_frozen names it).</param>
    public void Check(double time, double relativeWheelRate, double pitchRate, double pitch, double forwardG, double dt, bool driving, FaultSet faults,
        bool imuRepeating = false)
    {
        if (!driving)
        {
            Reset();
            return;
        }
        // The IMU point's horizontal acceleration: its forward specific force with gravity's share removed.
        (double sin, double cos) = Math.SinCos(pitch);
        _imuSpeedSum += (forwardG + sin) * Mpu6050Scale.StandardGravity / cos * dt;
        _wheelRate[_head] = relativeWheelRate;
        _pitchRate[_head] = pitchRate;
        _imuSpeed[_head] = _imuSpeedSum;
        int newest = _head;
        _head = (_head + 1) % _wheelRate.Length;
        if (_filled < _wheelRate.Length) _filled++;
        // Judged from half a window on, against the oldest sample kept: arming's direction pulse is
        // shorter than a whole window, and a stand must be seen before the robot reaches Running.
        int intervals = _filled - 1;
        if (2 * intervals < _wheelRate.Length - 1) return;
        int oldest = (_head - _filled + _wheelRate.Length) % _wheelRate.Length;
        double seconds = intervals * _tickSeconds;
        double wheelChange = Math.Abs(_wheelRate[newest] - _wheelRate[oldest]);
        double pitchRateChange = Math.Abs(_pitchRate[newest] - _pitchRate[oldest]);
        double imuSpeedChange = Math.Abs(_imuSpeed[newest] - _imuSpeed[oldest]);
        double groundBound = seconds * (_limits.WheelLiftedAcceleration + _limits.WheelLiftedTiltAcceleration * Math.Abs(pitch));
        bool free = !imuRepeating && wheelChange > groundBound && pitchRateChange < _limits.WheelLiftedPitchShare * wheelChange
            && imuSpeedChange < _limits.WheelLiftedImuShare * _wheelRadius * wheelChange;
        _evidence = free ? _evidence + 1 : 0;
        if (_evidence >= _confirm)
            faults.Report(FaultCause.WheelLifted, time,
                "the wheel sped up by {0:F1} rad/s in {1:F3} s with the body's pitch rate unmoved and no acceleration at the IMU: the wheel is off the ground",
                wheelChange, seconds);
    }

    public void Reset()
    {
        _head = _filled = _evidence = 0;
        _imuSpeedSum = 0;
    }
}
