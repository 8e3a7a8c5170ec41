using Robot.Dynamics.Plant;
using Robot.Hil.Scenarios;

namespace Robot.Hil.Simulation;

/// <summary>
/// The physical robot: the shared plant, integrated lazily up to "now" whenever a simulated device
/// looks at it or changes the motor input (the input is constant in between, so this is exact to
/// the integrator). Applies the scenario: the hand that holds the body until release, pushes,
/// battery sag, the ground the body falls onto. Keeps a short history for sensor delays and a
/// trace for plots and verdicts.
/// </summary>
public sealed class SimulatedWorld
{
    /// <summary>Integration step, s: 2 kHz, as in training.</summary>
    public const double Substep = 0.0005;
    /// <summary>How long a push's force lasts, s: a short shove.</summary>
    public const double PushSeconds = 0.02;
    /// <summary>Pitch at which the body lies on the ground, rad.</summary>
    public const double GroundPitch = 1.4;
    const int HistoryLength = 128; // 64 ms at 2 kHz: longer than any sensor delay

    readonly Scenario _scenario;
    readonly UniwheelPlant _plant;
    readonly ISimulationTime _time;
    readonly double _tracePeriod;
    readonly (double Time, UniwheelState State, UniwheelState Derivative)[] _history = new (double, UniwheelState, UniwheelState)[HistoryLength];
    readonly List<TraceSample> _trace;
    int _historyHead, _historyFilled;
    bool _lifted;
    double _t, _nextTrace, _releaseAt, _drivingSince = double.NaN;
    UniwheelState _state;

    public SimulatedWorld(Scenario scenario, ISimulationTime time, double tracePeriod)
    {
        _scenario = scenario;
        _plant = new UniwheelPlant(scenario.Plant);
        _time = time;
        _tracePeriod = tracePeriod;
        // The whole run's trace made at once: a list that grows would be the process's only garbage on the wall clock,
        // where the firmware beside it allocates nothing (an hour's interactive session at 200 Hz: 46 MB).
        _trace = new List<TraceSample>((int)Math.Min(scenario.Duration / tracePeriod + 16, 1 << 21));
        _releaseAt = scenario.Initial.Release;
        _state = new UniwheelState(scenario.Initial.Pitch, scenario.Initial.Pitch, 0, 0); // wheel angle = pitch: encoder starts at 0
        Remember(default); // held still at the start
        Record();
    }

    public Scenario Scenario => _scenario;
    public UniwheelPlant Plant => _plant;
    public ISimulationTime Time => _time;
    public IReadOnlyList<TraceSample> Trace => _trace;

    /// <summary>When the hand lets go (known once the motor has first driven, else release_s).</summary>
    public double ReleaseTime => _releaseAt;

    /// <summary>Simulated seconds now (the world is brought up to it first).</summary>
    public double Now
    {
        get
        {
            Sync();
            return _t;
        }
    }

    public UniwheelState State
    {
        get
        {
            Sync();
            return _state;
        }
    }

    /// <summary>When an injected bug starts (s; infinite: never): device transfers throw InvalidOperationException.</summary>
    public double CrashAt { get; set; } = double.PositiveInfinity;

    /// <summary>Motor input set by the simulated PWM channel and H-bridge pins.</summary>
    public double PwmDuty { get; private set; }
    public bool In1 { get; private set; }
    public bool In2 { get; private set; }

    /// <summary>The signed duty the H-bridge applies: IN1 forward, IN2 backward, both low coasts, both high brakes (reversed when the motor's wires are swapped); none while the heartbeat circuit holds the driver off.</summary>
    public double SignedDuty => !DriverEnabled ? 0 : (In1 == In2 ? 0 : In1 ? PwmDuty : -PwmDuty) * (ActiveFault(FaultKind.MotorReversed) is null ? 1 : -1);

    /// <summary>How long the heartbeat circuit (a retriggerable monostable) holds the driver's enable after an edge, s.</summary>
    public const double HeartbeatHoldSeconds = 0.02;
    double _lastBeat = double.NegativeInfinity;

    /// <summary>The driver's enable goes through the heartbeat circuit (robot.json heartbeat.pin).</summary>
    public bool HeartbeatFitted { get; init; }

    /// <summary>An edge on the heartbeat pin: the monostable is retriggered.</summary>
    public void Beat()
    {
        Sync();
        _lastBeat = _t;
    }

    /// <summary>The driver's enable: always, without the circuit; with it, only within the hold time of the last edge.</summary>
    public bool DriverEnabled => !HeartbeatFitted || _t - _lastBeat < HeartbeatHoldSeconds;


    /// <summary>Current out of the battery, A: the motor's current through the bridge (duty times the winding current) plus the electronics' quiescent draw.</summary>
    public double BatteryCurrent
    {
        get
        {
            Sync();
            return CurrentAt(_state);
        }
    }

    /// <summary>The pack as it is now (a sagging battery fault sets its open-circuit voltage).</summary>
    PowerSupply Supply => new(BatteryVoltage);

    /// <summary>The winding's rate, rad/s: the wheel relative to the body; none through a jammed gearbox.</summary>
    double WindingRate(in UniwheelState s) => ActiveFault(FaultKind.WheelJammed) is not null ? 0 : s.WheelRate - s.PitchRate;

    /// <summary>Both bridge inputs low, or the driver disabled: the windings float.</summary>
    bool BridgeOpen => (!In1 && !In2) || !DriverEnabled;

    double CurrentAt(in UniwheelState s) => Supply.Current(_plant, SignedDuty, WindingRate(s), BridgeOpen);

    /// <summary>The voltage at the battery's terminals, which the bridge switches onto the motor (<see cref="PowerSupply"/>).</summary>
    double SupplyVoltage(in UniwheelState s) => Supply.TerminalVolts(_plant, SignedDuty, WindingRate(s), BridgeOpen);

    public void SetPwm(double duty)
    {
        Sync();
        PwmDuty = duty;
        // The hand lets go once the motor has driven without a break for the reaction time: a short
        // arming pulse (the direction check) is felt, but not taken for balancing.
        if (duty <= 0) _drivingSince = double.NaN;
        else if (double.IsNaN(_drivingSince)) _drivingSince = _t;
    }

    public void SetDirection(bool in1, bool in2)
    {
        Sync();
        In1 = in1;
        In2 = in2;
    }

    /// <summary>The fault of this kind active now, if any.</summary>
    public FaultWindow? ActiveFault(FaultKind kind)
    {
        double now = _time.NowNanoseconds / 1e9;
        foreach (var f in _scenario.Faults)
            if (f.Kind == kind && f.ActiveAt(now)) return f;
        return null;
    }

    public double BatteryVoltage => ActiveFault(FaultKind.BatterySag) is { } sag ? sag.Value : _plant.Parameters.BatteryVoltage;

    /// <summary>The voltage at the battery's terminals, V: sagging with the current drawn.</summary>
    public double TerminalVoltage
    {
        get
        {
            Sync();
            return SupplyVoltage(_state);
        }
    }

    /// <summary>The state and its derivative <paramref name="delay"/> seconds ago (for sensor filter delays).</summary>
    public (UniwheelState State, UniwheelState Derivative) Past(double delay)
    {
        Sync();
        double target = _t - delay;
        for (int i = 0; i < _historyFilled; i++)
        {
            var h = _history[(_historyHead - 1 - i + HistoryLength) % HistoryLength];
            if (h.Time <= target + 1e-12) return (h.State, h.Derivative);
        }
        var oldest = _history[(_historyHead - _historyFilled + HistoryLength) % HistoryLength];
        return (oldest.State, oldest.Derivative);
    }

    /// <summary>Integrates the plant up to the rig's current time.</summary>
    public void Sync()
    {
        double now = _time.NowNanoseconds / 1e9;
        while (_t < now - 1e-12)
        {
            double h = Math.Min(Substep, now - _t);
            var lift = LiftedAt(_t);
            bool lifted = lift is not null;
            if (lifted != _lifted) Lift(lift);
            if (_t < _releaseAt && !double.IsNaN(_drivingSince) && _t >= _drivingSince + _scenario.Initial.Reaction - 1e-12) _releaseAt = _t;
            bool held = _t < _releaseAt;
            var mount = lifted ? Mount.WheelLifted : _scenario.Mount;
            double voltage = SignedDuty * SupplyVoltage(_state);
            bool open = BridgeOpen;
            var plant = _plant;
            UniwheelState derivative;
            if (ActiveFault(FaultKind.WheelJammed) is not null)
            {
                // A jammed gearbox: wheel and body turn as one (psi' = 0); held, nothing moves.
                if (held) _state = _state with { WheelRate = 0, PitchRate = 0 };
                else _state = JammedStep(_state, h);
                derivative = new UniwheelState(_state.WheelRate, _state.PitchRate, 0, 0);
            }
            else if (mount == Mount.WheelLifted || (mount == Mount.Hanging && !held))
            {
                // Rigged for an identification experiment: the clamp (or the held wheel) is the constraint, not a hand.
                _state = plant.Step(_state, voltage, h, open, mount);
                derivative = plant.Derivative(_state, voltage, open, mount);
                // The IMU reads the accelerations as the axle's and the body's: a clamped body's axle stays put.
                if (mount == Mount.WheelLifted) derivative = derivative with { PitchRate = 0, WheelRate = 0 };
            }
            else if (held && mount == Mount.Hanging)
            {
                _state = _state with { PitchRate = 0, WheelRate = 0 }; // hanging still in the hand until released
                derivative = default;
            }
            else if (held)
            {
                // The hand holds the body still; the wheel turns under the motor alone: M11 phi'' = tau.
                double wheelAcc = plant.WheelTorque(_state, voltage, open) / plant.Parameters.WheelMassTerm;
                double rate = _state.WheelRate + wheelAcc * h;
                _state = new UniwheelState(_state.WheelAngle + rate * h, _scenario.Initial.Pitch, rate, 0);
                // The hand holds the body's pitch, not its travel: the IMU feels the axle accelerate with the wheel.
                derivative = new UniwheelState(rate, 0, wheelAcc, 0);
            }
            else
            {
                _state = plant.Step(_state, voltage, h, open);
                derivative = plant.Derivative(_state, voltage, open);
            }
            _t += h;
            // A shove is a force over PushSeconds, not a jump: the IMU feels the acceleration it gives, as a real one would.
            foreach (var push in _scenario.Pushes)
            {
                double overlap = Math.Min(_t, push.Time + PushSeconds) - Math.Max(_t - h, push.Time);
                if (overlap <= 0) continue;
                var before = _state;
                _state = _plant.ApplyImpulse(_state, push.Impulse * overlap / PushSeconds, push.Height);
                derivative = derivative with
                {
                    WheelRate = derivative.WheelRate + (_state.WheelRate - before.WheelRate) / h,
                    PitchRate = derivative.PitchRate + (_state.PitchRate - before.PitchRate) / h,
                };
            }
            if (mount == Mount.Ground && Math.Abs(_state.Pitch) >= GroundPitch) // lying on the ground: the body stops there, and so does the robot's travel
            {
                _state = _state with { Pitch = Math.CopySign(GroundPitch, _state.Pitch), PitchRate = 0, WheelRate = 0 };
                derivative = new UniwheelState(0, 0, 0, 0);
            }
            Remember(derivative);
            if (_t >= _nextTrace - 1e-12) Record();
        }
    }

    FaultWindow? LiftedAt(double t)
    {
        foreach (var f in _scenario.Faults)
            if (f.Kind == FaultKind.WheelLifted && f.ActiveAt(t)) return f;
        return null;
    }

    /// <summary>
    /// Picked up: the hand holds the body still where it was (or at the window's value, rad: tilted as it is lifted), the wheel spins in the air. Set down:
    /// the ground stops the wheel, and the hand holds the body upright until the firmware drives again.
    /// </summary>
    void Lift(FaultWindow? lift)
    {
        _lifted = lift is not null;
        if (lift is not null)
        {
            _state = _state with { Pitch = double.IsNaN(lift.Value) ? _state.Pitch : lift.Value, PitchRate = 0 };
            return;
        }
        _state = _state with { Pitch = _scenario.Initial.Pitch, PitchRate = 0, WheelRate = 0 };
        _releaseAt = double.PositiveInfinity;
        if (PwmDuty > 0) _drivingSince = _t;
    }

    /// <summary>
    /// Body and wheel locked together: one rigid body rolling on the wheel, with psi = phi - theta
    /// fixed. From the plant's equations with phi'' = theta'' (the wheel's row plus the body's row,
    /// where the motor torque cancels): (M11 + 2 M12 + M22) theta'' = m_b r l sin(theta) theta'^2 + m_b g l sin(theta).
    /// </summary>
    UniwheelState JammedStep(in UniwheelState s, double h)
    {
        var p = _plant.Parameters;
        (double sin, double cos) = Math.SinCos(s.Pitch);
        double mrl = p.BodyMass * p.WheelRadius * p.BodyComHeight;
        double inertia = p.WheelMassTerm + 2 * p.CouplingTerm(cos) + p.BodyMassTerm;
        double acc = (mrl * sin * s.PitchRate * s.PitchRate + p.BodyMass * p.Gravity * p.BodyComHeight * sin) / inertia;
        double rate = s.PitchRate + acc * h;
        return new UniwheelState(s.WheelAngle + rate * h, s.Pitch + rate * h, rate, rate);
    }

    void Remember(in UniwheelState derivative)
    {
        _history[_historyHead] = (_t, _state, derivative);
        _historyHead = (_historyHead + 1) % HistoryLength;
        _historyFilled = Math.Min(_historyFilled + 1, HistoryLength);
    }

    void Record()
    {
        _trace.Add(new TraceSample(_t, _state.Pitch, _state.WheelAngle * _plant.Parameters.WheelRadius, SignedDuty, BatteryVoltage, _t < _releaseAt || _lifted,
            _state.WheelRate * _plant.Parameters.WheelRadius));
        _nextTrace += _tracePeriod;
    }
}
