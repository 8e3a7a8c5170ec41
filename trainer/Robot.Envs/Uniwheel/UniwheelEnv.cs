using Robot.Observation;
using Robot.Dynamics.Plant;
using Robot.Dynamics.Sensors;

namespace Robot.Envs.Uniwheel;

/// <summary>
/// The uniwheel robot as an RL environment. The action is the motor duty in [-1, 1]; the plant
/// runs at 2 kHz under it; the observation is what the robot can measure: raw IMU and encoder
/// counts from the sensor models, through the very estimator the firmware runs. Reward: 1 per
/// step for staying up, shrunk by exp(-cost) for tilt, distance from the start, speed and effort.
/// Episodes end when the body falls past FallPitch or wanders WanderLimit away; truncated at MaxEpisodeSteps.
/// Driving (<see cref="UniwheelEnvOptions.Driving"/>): each episode draws a velocity profile, the
/// observation gains the commanded velocity and measures position from the point moving at it
/// (<see cref="VelocityReference"/>, as the firmware does), and the reward's position and speed
/// terms are the tracking errors; wandering is then WanderLimit behind or ahead of the command.
/// </summary>
public sealed class UniwheelEnv : IEnv
{
    readonly UniwheelEnvOptions _options;
    readonly UniwheelParameters _nominal;
    readonly double _dt;
    readonly double[] _pending; // the duties of the last MaxLatencySteps + 1 steps, newest first
    Random _rng = new(0);
    UniwheelPlant _plant;
    Mpu6050Model _imu;
    StateEstimator _estimator;
    UniwheelState _state;
    int _latency, _steps;
    readonly VelocityProfile _profile = new();
    readonly VelocityReference _reference = new();
    double _time, _target, _commandedTravel;

    public UniwheelEnv(UniwheelEnvOptions? options = null, UniwheelParameters? nominal = null)
    {
        _options = options ?? new UniwheelEnvOptions();
        _nominal = nominal ?? new UniwheelParameters();
        if (_options.MaxLatencySteps is < 0 or > 1000)
            throw new ArgumentOutOfRangeException(nameof(options), $"MaxLatencySteps must be 0 to 1000, got {_options.MaxLatencySteps}");
        _pending = new double[_options.MaxLatencySteps + 1];
        _dt = 1.0 / _options.ControlRate;
        _plant = new UniwheelPlant(_nominal);
        _imu = new Mpu6050Model(new ImuParameters(), _nominal);
        _estimator = new StateEstimator(_nominal.WheelRadius);
        Spec = _options.Driving
            ? new EnvSpec("UniwheelDrive-v0", ObservationLayout.DrivingSize, ActionSpace.Box(1, -1, 1), _options.MaxEpisodeSteps,
                0.9 * _options.MaxEpisodeSteps, ObservationLayout.DrivingNames, new MirrorSymmetry([-1, -1, -1, -1, -1, -1], [-1]))
            : new EnvSpec("Uniwheel-v0", ObservationLayout.Size, ActionSpace.Box(1, -1, 1), _options.MaxEpisodeSteps,
                0.9 * _options.MaxEpisodeSteps, ObservationLayout.Names, new MirrorSymmetry([-1, -1, -1, -1, -1], [-1]));
        _observation = new float[Spec.ObservationSize];
    }

    public EnvSpec Spec { get; }

    /// <summary>The built-in robot's nominal pack voltage, which the randomized charge range is stated for.</summary>
    static readonly double BuiltInPackVolts = new UniwheelParameters().BatteryVoltage;

    /// <summary>The true plant state (for evaluation figures and tests; the policy never sees it).</summary>
    public UniwheelState TrueState => _state;
    /// <summary>The pitch rate a push gave the body on the last step, rad/s (0: no push; for pictures).</summary>
    public double LastPush { get; private set; }
    public UniwheelParameters Parameters => _plant.Parameters;
    /// <summary>The commanded forward velocity this step, m/s (0 unless driving).</summary>
    public double Target => _target;
    /// <summary>Where the commanded velocity alone would have taken the wheel since the start, m.</summary>
    public double CommandedTravel => _commandedTravel;

    /// <summary>Sets the next episodes' command to 0 throughout (a driving policy balancing in place), or back to drawn profiles.</summary>
    public bool HoldStill { get; set; }

    public void Reset(int? seed, Span<float> observation)
    {
        if (seed is int s) _rng = new Random(s);
        var p = _nominal;
        var imu = new ImuParameters();
        _latency = 0;
        if (_options.Randomize)
        {
            var o = _options;
            p = p with
            {
                BodyMass = Scale(p.BodyMass, o.SpreadOf("body_mass")), BodyComHeight = Scale(p.BodyComHeight, o.SpreadOf("body_com_height")),
                BodyInertia = Scale(p.BodyInertia, o.SpreadOf("body_inertia")), WheelMass = Scale(p.WheelMass, o.SpreadOf("wheel_mass")),
                WheelInertia = Scale(p.WheelInertia, o.SpreadOf("wheel_inertia")), RotorInertia = Scale(p.RotorInertia, o.SpreadOf("rotor_inertia")),
                TorqueConstant = Scale(p.TorqueConstant, o.SpreadOf("torque_constant")), BackEmfConstant = Scale(p.BackEmfConstant, o.SpreadOf("back_emf_constant")),
                Resistance = Scale(p.Resistance, o.SpreadOf("resistance")), ViscousFriction = Scale(p.ViscousFriction, o.SpreadOf("viscous_friction")),
                CoulombFriction = Scale(p.CoulombFriction, o.SpreadOf("coulomb_friction")), Deadband = Scale(p.Deadband, o.SpreadOf("deadband")),
                // A pack's charge: 10.0-12.6 V for the built-in 3S pack (11.1 V nominal), the same share of any other pack's nominal.
                BatteryVoltage = Uniform(10.0, 12.6) * (p.BatteryVoltage / BuiltInPackVolts),
            };
            imu = imu with { AccelBiasG = Uniform(-0.01, 0.01), GyroBiasDegPerSecond = Uniform(-0.5, 0.5) };
            _latency = _rng.Next(_options.MaxLatencySteps + 1);
        }
        _plant = new UniwheelPlant(p);
        _imu = new Mpu6050Model(imu, p);
        _estimator = new StateEstimator(p.WheelRadius);
        double tilt = _options.InitialPitch;
        _state = new UniwheelState(0, Uniform(-tilt, tilt), 0, Uniform(-0.1, 0.1));
        Array.Clear(_pending);
        _steps = 0;
        _time = 0;
        _commandedTravel = 0;
        if (HoldStill || !_options.Driving) _profile.Still();
        else _profile.Draw(_rng, _options.MaxEpisodeSteps / _options.ControlRate + 1);
        _target = _profile.TargetAt(0);
        _reference.Reset();
        Sense(_dt);
        Observe(observation, 0, 0);
    }

    public StepResult Step(ReadOnlySpan<float> action, Span<float> observation)
    {
        double duty = Math.Clamp(float.IsFinite(action[0]) ? action[0] : 0f, -1f, 1f);
        // Latency: the duty commanded now reaches the motor _latency periods later.
        for (int i = _pending.Length - 1; i > 0; i--) _pending[i] = _pending[i - 1];
        _pending[0] = duty;
        double applied = _pending[_latency];
        double period = _options.Randomize ? _dt * (1 + Uniform(-_options.PeriodJitter, _options.PeriodJitter)) : _dt;
        double h = period / _options.Substeps;
        for (int i = 0; i < _options.Substeps; i++) _state = _plant.Step(_state, MotorVolts(applied), h);
        LastPush = _options.PushesPerSecond > 0 && _rng.NextDouble() < _options.PushesPerSecond * _dt ? Uniform(-_options.PushPitchRate, _options.PushPitchRate) : 0;
        _state = _state with { PitchRate = _state.PitchRate + LastPush };
        _steps++;
        _time += period;
        _target = _profile.TargetAt(_time);
        _commandedTravel += _target * period;
        Sense(period); // the firmware's estimator is given the measured period too
        Observe(observation, duty, period);

        double position = _state.WheelAngle * _plant.Parameters.WheelRadius;
        bool fell = Math.Abs(_state.Pitch) > _options.FallPitch || Math.Abs(position - _commandedTravel) > _options.WanderLimit;
        double velocity = _state.WheelRate * _plant.Parameters.WheelRadius;
        // Driving: the reward's position and speed are the errors from the moving point and the command.
        double positionError = _options.Driving ? position - _reference.Position : position;
        double reward = _options.Reward.Of(fell, _state.Pitch, positionError, velocity - _target, duty);
        return new StepResult((float)reward, fell, _steps >= _options.MaxEpisodeSteps);
    }

    void Sense(double period)
    {
        var sample = _imu.Sample(_state, _plant.Derivative(_state, MotorVolts(_pending[_latency])), _rng);
        _estimator.Update(sample.AccelX, sample.AccelZ, sample.GyroY, As5600Model.Sample(_state), period);
    }

    /// <summary>What the bridge puts on the motor at this duty: the battery's terminal voltage, sagging with the current (<see cref="PowerSupply"/>).</summary>
    double MotorVolts(double duty) =>
        duty * new PowerSupply(_plant.Parameters.BatteryVoltage).TerminalVolts(_plant, duty, _state.WheelRate - _state.PitchRate, open: false);

    // The estimator writes into a float[] (its API is the firmware's); one buffer avoids allocating per step.
    readonly float[] _observation;

    void Observe(Span<float> observation, double previousDuty, double period)
    {
        _estimator.Observe(_observation, previousDuty);
        if (_options.Driving) _reference.Apply(_observation, _target, period);
        _observation.CopyTo(observation);
    }

    double Uniform(double low, double high) => low + _rng.NextDouble() * (high - low);
    double Scale(double value, double spread) => value * Uniform(1 - spread, 1 + spread);
}
