using Robot.Observation;
using Robot.Firmware.Devices.As5600;
using Robot.Firmware.Devices.Ina219;
using Robot.Firmware.Devices.Motor;
using Robot.Firmware.Devices.Mpu6050;
using Robot.Firmware.Loop;
using Robot.Firmware.Safety;
using Robot.Firmware.Telemetry;
using Robot.Policy;

namespace Robot.Firmware.Control;

/// <summary>
/// One control tick, the same on the robot and in the hardware-in-the-loop rig:
/// I2C read (IMU burst, encoder) -> raw counts -> shared estimator -> observation -> policy ->
/// supervisor check -> clamped duty to the H-bridge -> telemetry record. Allocation-free after
/// construction; I2C errors become sensor health, never exceptions out of the loop.
/// </summary>
public sealed class BalanceController
{
    /// <summary>Identical raw IMU samples in a row that count as a frozen sensor (real samples always carry noise).</summary>
    public const int FrozenAfter = 20;

    /// <summary>
    /// Fastest plausible wheel turn relative to the body, rad/s (the motor's no-load speed at full
    /// battery is about 42): an encoder step beyond it in one tick is a glitch, rejected like a failed read.
    /// </summary>
    public const double MaxWheelRate = 60;

    /// <summary>The battery is read every this many ticks (its monitor averages over 17 ms anyway).</summary>
    public const int BatteryEvery = 10;
    /// <summary>Time constant of the battery voltage filter, s: a low battery is a resting voltage, not a current spike.</summary>
    public const double BatteryTau = 0.5;

    readonly Mpu6050BurstReader _imu;
    readonly As5600 _encoder;
    readonly HBridgeMotor _motor;
    readonly ImuMounting _mounting;
    readonly StateEstimator _estimator;
    readonly PolicyModel _policy;
    readonly PolicyWorkspace _workspace;
    readonly SafetySupervisor _supervisor;
    readonly TelemetryRing _telemetry;
    readonly Func<bool> _emergencyStop;
    readonly double _pitchOffset;
    readonly ILoopClock _clock;
    readonly BatteryMonitor? _battery;
    double _batteryVolts = double.NaN;
    int _batteryFailures;
    readonly float[] _observation = new float[ObservationLayout.Size];
    readonly float[] _action = new float[1];
    Mpu6050Sample _lastSample;
    int _sameSamples;
    int _lastEncoder = -1;
    double _lastDuty;

    public BalanceController(Mpu6050BurstReader imu, As5600 encoder, HBridgeMotor motor, ImuMounting mounting, StateEstimator estimator,
        PolicyModel policy, SafetySupervisor supervisor, TelemetryRing telemetry, Func<bool> emergencyStop, double pitchOffset = 0,
        ILoopClock? clock = null, BatteryMonitor? battery = null)
    {
        // A policy that does not fit this robot is refused here, before anything can arm.
        RequireFits(policy);
        _imu = imu;
        _encoder = encoder;
        _motor = motor;
        _mounting = mounting;
        _estimator = estimator;
        _policy = policy;
        _workspace = policy.CreateWorkspace();
        _supervisor = supervisor;
        _telemetry = telemetry;
        _emergencyStop = emergencyStop;
        _pitchOffset = pitchOffset;
        _clock = clock ?? new StopwatchClock();
        _battery = battery;
        _battery = battery;
    }

    /// <summary>
    /// Refuses (PolicyFormatException, SpecMismatch) a policy that does not take this robot's five
    /// estimator observations, by name and order, and give one continuous duty.
    /// </summary>
    public static void RequireFits(PolicyModel policy)
    {
        policy.RequireSpec(ObservationLayout.Size, ActionKind.Continuous, 1);
        for (int i = 0; i < ObservationLayout.Size; i++)
            if (policy.ObservationName(i) != ObservationLayout.Names[i])
                throw new PolicyFormatException(PolicyError.SpecMismatch,
                    $"policy observation {i} is '{policy.ObservationName(i)}' but this robot's estimator gives '{ObservationLayout.Names[i]}'");
    }

    public SafetySupervisor Supervisor => _supervisor;

    /// <summary>The filtered battery voltage the supervisor judges, V (NaN without a monitor).</summary>
    public double BatteryVolts => _batteryVolts;
    public double LastDuty => _lastDuty;

    public void Tick(long tick, double time, double period, bool previousOverran, long latencyNanoseconds = 0)
    {
        long begin = _clock.NowNanoseconds;
        var health = SensorHealth.Ok;
        Mpu6050Sample sample = default;
        ushort encoder = 0;
        try
        {
            sample = _imu.Read();
            encoder = _encoder.ReadRawAngle();
        }
        catch (IOException)
        {
            health = SensorHealth.ReadFailed;
        }

        if (_battery is not null && tick % BatteryEvery == 0) ReadBattery(period);
        // A silent battery monitor would silently disable the low-battery cut: after as many failed
        // battery reads in a row as the supervisor allows for any sensor, every tick counts as failed.
        if (_batteryFailures >= _supervisor.Limits.MaxConsecutiveReadFailures) health = SensorHealth.ReadFailed;

        short forward = 0, up = 0, rate = 0;
        if (health == SensorHealth.Ok)
        {
            _sameSamples = sample == _lastSample ? _sameSamples + 1 : 0;
            _lastSample = sample;
            (forward, up, rate) = _mounting.ToBody(sample);
            if (_sameSamples >= FrozenAfter) health = SensorHealth.Frozen;
            else if (!EncoderStepPlausible(encoder, period)) health = SensorHealth.ReadFailed;
            else if (up is short.MaxValue or short.MinValue || up <= 0 && forward is > -1000 and < 1000) health = SensorHealth.OutOfRange; // saturated, or no gravity
            else _estimator.Update(forward, up, rate, encoder, period);
        }

        _estimator.Observe(_observation, _lastDuty);
        _observation[0] -= (float)_pitchOffset;
        bool observationFinite = true;
        for (int i = 0; i < _observation.Length; i++) observationFinite &= float.IsFinite(_observation[i]);
        bool acted = observationFinite && _policy.Act(_observation, _action, _workspace);

        var inputs = new SupervisorInputs(time, health, _observation[0], _observation[1], observationFinite, acted && float.IsFinite(_action[0]),
            previousOverran, _emergencyStop(), _batteryVolts);
        bool enabled = _supervisor.Tick(inputs);
        if (enabled) _lastDuty = _motor.SetDuty(_action[0]);
        else
        {
            _motor.Stop();
            _lastDuty = 0;
        }

        float compute = (_clock.NowNanoseconds - begin) / 1000f;
        _telemetry.TryWrite(new TickRecord(tick, time, forward, up, rate, encoder, _observation[0], _observation[1], _observation[2], _observation[3],
            acted ? _action[0] : float.NaN, (float)_lastDuty, latencyNanoseconds / 1000f, compute, _supervisor.State, (float)_batteryVolts));
    }

    void ReadBattery(double period)
    {
        double volts;
        try
        {
            volts = _battery!.ReadVolts();
        }
        catch (IOException)
        {
            _batteryFailures++;
            return;
        }
        _batteryFailures = 0;
        double dt = BatteryEvery * period;
        _batteryVolts = double.IsNaN(_batteryVolts) ? volts : _batteryVolts + dt / (BatteryTau + dt) * (volts - _batteryVolts);
    }

    bool EncoderStepPlausible(ushort encoder, double period)
    {
        if (_lastEncoder < 0)
        {
            _lastEncoder = encoder;
            return true;
        }
        int step = Math.Abs(encoder - _lastEncoder);
        step = Math.Min(step, As5600Scale.CountsPerTurn - step); // it wraps
        double limit = MaxWheelRate * Math.Max(period, 1e-4) * As5600Scale.CountsPerTurn / (2 * Math.PI) + 8;
        if (step > limit) return false; // keep the last good count: the next good read is judged against it
        _lastEncoder = encoder;
        return true;
    }
}
