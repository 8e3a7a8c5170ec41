using Robot.Observation;
using Robot.Firmware.Devices.As5600;
using Robot.Firmware.Devices.Ina219;
using Robot.Firmware.Devices.Motor;
using Robot.Firmware.Devices.Mpu6050;
using Robot.Firmware.Loop;
using Robot.Firmware.Safety;
using Robot.Firmware.Safety.Checks;
using Robot.Firmware.Telemetry;
using Robot.Policy;

namespace Robot.Firmware.Control;

/// <summary>
/// One control tick, the same on the robot and in the hardware-in-the-loop rig:
/// I2C reads (IMU burst, encoder; battery and magnet status every few ticks) -> each check judges
/// its sensor and reports into the fault set -> shared estimator -> observation (a driving policy's
/// measured from the point moving at the commanded velocity, 0 unless running) -> policy -> the
/// supervisor decides -> the motor gate drives or cuts -> watchdog kick -> telemetry record.
/// Allocation-free after construction; I2C errors become check verdicts, never exceptions out of the loop.
/// </summary>
public sealed class BalanceController
{
    /// <summary>The battery monitor and the encoder's magnet status are read every this many ticks.</summary>
    public const int SlowEvery = SensorSchedule.SlowEvery;

    readonly Mpu6050BurstReader _imu;
    readonly As5600 _encoder;
    readonly MotorGate _motor;
    readonly ImuMounting _mounting;
    readonly StateEstimator _estimator;
    readonly IActionSource _actions;
    readonly SafetySupervisor _supervisor;
    readonly TelemetryRing _telemetry;
    readonly Func<bool> _emergencyStop;
    readonly double _pitchOffset;
    readonly ILoopClock _clock;
    readonly BatteryMonitor? _battery;
    readonly Watchdog? _watchdog;
    readonly ImuCheck _imuCheck;
    readonly EncoderCheck _encoderCheck;
    readonly BatteryCheck _batteryCheck;
    readonly MotorCheck _motorCheck;
    readonly DriveDirectionCheck _driveDirectionCheck;
    readonly DirectionCheck _directionCheck;
    readonly WheelLiftedCheck _wheelLiftedCheck;
    readonly Heartbeat? _heartbeat;
    readonly float[] _observation = new float[ObservationLayout.DrivingSize];
    readonly VelocityCommand? _command;
    readonly VelocityReference _reference = new();
    readonly float[] _action = new float[1];
    int _overruns;
    double _lastDuty;
    double _runningSince = double.NaN;
    bool _imuGoodLastTick;
    volatile bool _finished;

    public BalanceController(Mpu6050BurstReader imu, As5600 encoder, MotorGate motor, ImuMounting mounting, StateEstimator estimator,
        IActionSource actions, SafetySupervisor supervisor, TelemetryRing telemetry, Func<bool> emergencyStop, ILoopClock clock,
        double pitchOffset = 0, BatteryMonitor? battery = null, Watchdog? watchdog = null, VelocityCommand? command = null, double loopRate = 200, double wheelRadius = 0.05,
        Heartbeat? heartbeat = null)
    {
        _command = command;
        _imu = imu;
        _encoder = encoder;
        _motor = motor;
        _mounting = mounting;
        _estimator = estimator;
        _actions = actions;
        _supervisor = supervisor;
        _telemetry = telemetry;
        _emergencyStop = emergencyStop;
        _pitchOffset = pitchOffset;
        _clock = clock;
        _battery = battery;
        _watchdog = watchdog;
        _heartbeat = heartbeat;
        var limits = supervisor.Limits;
        _imuCheck = new ImuCheck(limits);
        _encoderCheck = new EncoderCheck(limits);
        _batteryCheck = new BatteryCheck(limits);
        _motorCheck = new MotorCheck(limits);
        _driveDirectionCheck = new DriveDirectionCheck(limits);
        _directionCheck = new DirectionCheck(limits);
        _wheelLiftedCheck = new WheelLiftedCheck(limits, loopRate, wheelRadius);
    }

    /// <summary>True once the action source finished (an experiment's schedule is over) and the controller disarmed; read from any thread.</summary>
    public bool Finished => _finished;

    public SafetySupervisor Supervisor => _supervisor;
    public FaultSet Faults => _supervisor.Faults;

    /// <summary>The filtered battery voltage, V (NaN without a monitor).</summary>
    public double BatteryVolts => _batteryCheck.Volts;
    public double LastDuty => _lastDuty;
    /// <summary>The encoder counts the last direction pulse turned the wheel, forward positive (bring-up reads it after a stand's wheel_lifted).</summary>
    public int DirectionPulseCounts => _directionCheck.Counts;

    /// <summary>True when the action source follows a commanded velocity (a driving policy).</summary>
    public bool Drives => _actions.Drives;

    /// <summary>
    /// Arms if the preflight passes (on the loop thread, between ticks): no fault set, e-stop released,
    /// the IMU giving good samples, the encoder answering with its magnet in place, the battery above
    /// its limit, and <paramref name="configProblem"/> null (calibration present and plausible). Every
    /// arm starts the estimator, the encoder reference and the checks afresh.
    /// </summary>
    public bool Arm(string? configProblem)
    {
        if (!_supervisor.TryArm(configProblem ?? Preflight())) return false;
        _estimator.Reset();
        _imuCheck.Reset(_clock.NowNanoseconds / 1e9);
        _encoderCheck.Reset();
        _batteryCheck.Reset();
        _motorCheck.Reset();
        _driveDirectionCheck.Reset();
        _directionCheck.Reset();
        _wheelLiftedCheck.Reset();
        _overruns = 0;
        return true;
    }

    string? Preflight()
    {
        if (_supervisor.State != SupervisorState.Disarmed) return null; // TryArm says why
        if (_emergencyStop()) return "the e-stop is pressed";
        if (_heartbeat?.NotFollowing() is string heartbeat) return heartbeat;
        if (!_imuGoodLastTick) return "the IMU gives no good samples";
        if (_encoderCheck.Reference < 0) return "the encoder has not answered";
        try
        {
            var magnet = _encoder.ReadMagnetStatus();
            if ((magnet & MagnetStatus.Detected) == 0 || (magnet & MagnetStatus.TooWeak) != 0) return $"no usable magnet at the encoder ({magnet})";
        }
        catch (IOException e)
        {
            return "the encoder did not answer: " + e.Message;
        }
        if (_battery is not null)
        {
            if (double.IsNaN(_batteryCheck.Volts)) return "the battery monitor has not answered";
            if (_batteryCheck.Volts < _supervisor.Limits.LowBatteryVoltage)
                return $"battery at {_batteryCheck.Volts:F2} V, below {_supervisor.Limits.LowBatteryVoltage:F2} V";
        }
        return null;
    }

    public void Tick(long tick, double period, bool previousOverran, long latencyNanoseconds = 0)
    {
        long begin = _clock.NowNanoseconds;
        double time = begin / 1e9;
        var state = _supervisor.State;
        bool armed = state is SupervisorState.Arming or SupervisorState.Running;
        bool running = state == SupervisorState.Running;
        var faults = _supervisor.Faults;

        bool imuRead = true, encoderRead = true;
        Mpu6050Sample sample = default;
        ushort count = 0;
        try { sample = _imu.Read(); } catch (IOException) { imuRead = false; }
        double imuTime = _clock.NowNanoseconds / 1e9; // when the read returned: a stalled read is a gap
        try { count = _encoder.ReadRawAngle(); } catch (IOException) { encoderRead = false; }
        double encoderTime = _clock.NowNanoseconds / 1e9; // steps are judged by the real time between reads
        if (tick % SlowEvery == 0) ReadSlowSensors(time, armed, running);

        var (forward, up, rate) = imuRead ? _mounting.ToBody(sample) : default;
        bool imuUsable = _imuCheck.Check(imuTime, imuRead, sample, forward, up, rate, armed, faults);
        _imuGoodLastTick = imuUsable;
        bool encoderUsable = _encoderCheck.Check(encoderTime, encoderRead, count, tracking: running, armed, faults);
        if (imuUsable && encoderUsable) _estimator.Update(forward, up, rate, count, period);

        _estimator.Observe(_observation, _lastDuty);
        _observation[ObservationLayout.Pitch] -= (float)_pitchOffset;
        // Only a running robot with a driving policy follows the command; otherwise the target is 0 whatever was sent.
        double target = running && _actions.Drives && _command is not null ? _command.TargetAt(begin) : 0;
        if (_actions.Drives) _reference.Apply(_observation, target, period);
        bool observationFinite = true;
        for (int i = 0; i < _observation.Length; i++) observationFinite &= float.IsFinite(_observation[i]);
        double secondsRunning = running ? time - _runningSince : -1;
        bool acted = observationFinite && _actions.Act(_observation, secondsRunning, _action) && float.IsFinite(_action[0]);
        double pitch = _observation[ObservationLayout.Pitch], pitchRate = _observation[ObservationLayout.PitchRate];

        if (_emergencyStop()) faults.Report(FaultCause.EmergencyStop, time, "e-stop input active");
        _overruns = previousOverran ? _overruns + 1 : 0;
        if (armed)
        {
            if (!observationFinite) faults.Report(FaultCause.NonFiniteObservation, time, "observation is NaN or infinite");
            if (_overruns >= _supervisor.Limits.MaxConsecutiveOverruns) faults.Report(FaultCause.LoopOverruns, time, "{0} consecutive loop overruns", _overruns);
        }
        if (running)
        {
            if (!acted && observationFinite) faults.Report(FaultCause.NonFiniteAction, time, "the policy gave no finite action"); // else the observation is the cause
            if (Math.Abs(pitch) > _supervisor.Limits.TiltLimit) faults.Report(FaultCause.Tilt, time, "pitch {0:F3} rad beyond {1:F3} rad", pitch, _supervisor.Limits.TiltLimit);
        }
        _motorCheck.Check(time, _lastDuty, _estimator.WheelRate - _estimator.PitchRate, running, faults, _actions.WheelInTheAir);
        _driveDirectionCheck.Check(time, _lastDuty, count, _estimator.PitchRate, running, encoderUsable, faults);
        // Judged whenever the motor drives: arming's direction pulse on a stand already spins a free wheel
        // up, so a robot in the air is refused before it ever reaches Running.
        bool motorDriven = running || (state == SupervisorState.Arming && _directionCheck.Running);
        _wheelLiftedCheck.Check(time, _estimator.WheelRate - _estimator.PitchRate, _estimator.PitchRate, _estimator.Pitch,
            forward / Mpu6050Scale.AccelLsbPerG, period, motorDriven && imuUsable && encoderUsable && !_actions.WheelInTheAir, faults, _imuCheck.Repeating);

        // An experiment whose schedule is over ends the run the way disarm does.
        if (running && _actions.IsFinished(secondsRunning))
        {
            _supervisor.Disarm();
            _finished = true;
        }
        var drive = _supervisor.Decide(time, imuUsable && encoderUsable, pitch, pitchRate);
        // Balancing starts from where the robot stands, as every training episode did: the direction
        // pulse's travel and spin are forgotten (the pitch restarts from the accelerometer, held still).
        if (state == SupervisorState.Arming && _supervisor.State == SupervisorState.Running)
        {
            _estimator.Reset();
            // From this tick's sample, read before the policy drives: once the wheel accelerates, so does the IMU.
            if (imuUsable && encoderUsable) _estimator.Update(forward, up, rate, count, period);
            _reference.Reset();
            _runningSince = time;
        }
        if (drive == Drive.Off)
        {
            _motor.Cut();
            _lastDuty = 0;
        }
        else
        {
            double duty = drive == Drive.Policy ? _action[0] : DirectionPulse(time, count, encoderUsable);
            _lastDuty = _motor.Drive(duty);
        }
        long end = _clock.NowNanoseconds;
        _watchdog?.Kick(end);
        _heartbeat?.Beat(); // a tick that completed: the hardware's monostable is retriggered

        _telemetry.TryWrite(new TickRecord(tick, time, forward, up, rate, count, _observation[0], _observation[1], _observation[2], _observation[3],
            acted ? _action[0] : float.NaN, (float)_lastDuty, latencyNanoseconds / 1000f, (end - begin) / 1000f, _supervisor.State,
            (float)_batteryCheck.Volts, (float)_batteryCheck.Amps, (long)faults.Active, (float)target));
    }

    double DirectionPulse(double time, ushort count, bool encoderUsable)
    {
        if (!encoderUsable) return 0; // the encoder check reports a run of failures
        if (!_directionCheck.Running && !_directionCheck.Passed) _directionCheck.Begin(time, count);
        double duty = _directionCheck.Step(time, count, _supervisor.Faults);
        if (_directionCheck.Passed) _supervisor.DirectionVerified();
        return duty;
    }

    void ReadSlowSensors(double time, bool armed, bool running)
    {
        MagnetStatus? magnet;
        try { magnet = _encoder.ReadMagnetStatus(); } catch (IOException) { magnet = null; }
        _encoderCheck.CheckMagnet(time, magnet, armed, _supervisor.Faults);
        if (_battery is null) return;
        BatteryReading? reading;
        try { reading = new BatteryReading(_battery.ReadVolts(), _battery.ReadAmps()); } catch (IOException) { reading = null; }
        _batteryCheck.Check(time, reading, armed, running, _supervisor.Faults);
    }
}
