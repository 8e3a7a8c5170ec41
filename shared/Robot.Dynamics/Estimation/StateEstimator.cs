namespace Robot.Dynamics.Estimation;

/// <summary>
/// Turns raw sensor counts into the policy's observation, the same code on the robot and in
/// training: pitch by a complementary filter (gyro integrated, pulled toward the accelerometer's
/// gravity direction with time constant tau), wheel angle by unwrapping the encoder's relative
/// angle and adding pitch, wheel rate by a low-pass-filtered difference.
/// Allocation-free; one instance per robot.
/// </summary>
public sealed class StateEstimator
{
    public const int ObservationSize = 5;

    /// <summary>Names and units of the observation, in order (written into policy files).</summary>
    public static readonly string[] ObservationNames =
        ["pitch_rad", "pitch_rate_rad_s", "position_m", "velocity_m_s", "previous_duty"];

    readonly double _accelLsbPerG, _gyroLsbPerRadPerSecond, _wheelRadius, _tau, _velocityTau;
    double _gyroBiasCounts;
    bool _started;
    int _lastCount;
    long _unwrappedCounts;
    double _pitch, _pitchRate, _wheelAngle, _wheelRate, _previousWheelAngle;

    public StateEstimator(double wheelRadius, double accelLsbPerG = 16384, double gyroLsbPerDegPerSecond = 131,
        double complementaryTau = 0.5, double velocityTau = 0.02)
    {
        _accelLsbPerG = accelLsbPerG;
        _gyroLsbPerRadPerSecond = gyroLsbPerDegPerSecond * 180 / Math.PI;
        _wheelRadius = wheelRadius;
        _tau = complementaryTau;
        _velocityTau = velocityTau;
    }

    public double Pitch => _pitch;
    public double PitchRate => _pitchRate;
    public double WheelAngle => _wheelAngle;
    public double WheelRate => _wheelRate;

    /// <summary>Gyro counts read while the robot is still (from calibration), subtracted from every sample.</summary>
    public double GyroBiasCounts { get => _gyroBiasCounts; set => _gyroBiasCounts = value; }

    /// <summary>Forgets the history: the next update starts from the accelerometer's pitch and wheel angle 0.</summary>
    public void Reset() => _started = false;

    /// <summary>Folds in one sample taken <paramref name="dt"/> seconds after the previous one.</summary>
    public void Update(short accelX, short accelZ, short gyroY, ushort encoderCount, double dt)
    {
        double accelPitch = Math.Atan2(-accelX / _accelLsbPerG, accelZ / _accelLsbPerG);
        _pitchRate = (gyroY - _gyroBiasCounts) / _gyroLsbPerRadPerSecond;
        int count = encoderCount & 0xFFF;
        if (!_started)
        {
            _started = true;
            _pitch = accelPitch;
            _lastCount = count;
            _unwrappedCounts = 0;
            _wheelAngle = _pitch;
            _previousWheelAngle = _wheelAngle;
            _wheelRate = 0;
            return;
        }
        double alpha = _tau / (_tau + dt);
        _pitch = alpha * (_pitch + _pitchRate * dt) + (1 - alpha) * accelPitch;
        // The encoder wraps every 4096 counts; between samples it turns far less than half a turn.
        int delta = count - _lastCount;
        if (delta > 2048) delta -= 4096;
        else if (delta < -2048) delta += 4096;
        _lastCount = count;
        _unwrappedCounts += delta;
        _wheelAngle = _unwrappedCounts * (2 * Math.PI / 4096) + _pitch;
        double rawRate = (_wheelAngle - _previousWheelAngle) / dt;
        _previousWheelAngle = _wheelAngle;
        double beta = dt / (_velocityTau + dt);
        _wheelRate += beta * (rawRate - _wheelRate);
    }

    /// <summary>Writes the observation (see <see cref="ObservationNames"/>) into a caller buffer.</summary>
    public void Observe(float[] observation, double previousDuty)
    {
        observation[0] = (float)_pitch;
        observation[1] = (float)_pitchRate;
        observation[2] = (float)(_wheelAngle * _wheelRadius);
        observation[3] = (float)(_wheelRate * _wheelRadius);
        observation[4] = (float)previousDuty;
    }
}
