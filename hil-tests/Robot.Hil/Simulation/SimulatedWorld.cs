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
    /// <summary>Pitch at which the body lies on the ground, rad.</summary>
    public const double GroundPitch = 1.4;
    const int HistoryLength = 128; // 64 ms at 2 kHz: longer than any sensor delay

    readonly Scenario _scenario;
    readonly UniwheelPlant _plant;
    readonly ISimulationTime _time;
    readonly double _tracePeriod;
    readonly (double Time, UniwheelState State, UniwheelState Derivative)[] _history = new (double, UniwheelState, UniwheelState)[HistoryLength];
    readonly List<TraceSample> _trace = [];
    int _historyHead, _historyFilled;
    int _nextPush;
    double _t, _nextTrace, _releaseAt;
    UniwheelState _state;

    public SimulatedWorld(Scenario scenario, ISimulationTime time, double tracePeriod)
    {
        _scenario = scenario;
        _plant = new UniwheelPlant(scenario.Plant);
        _time = time;
        _tracePeriod = tracePeriod;
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

    /// <summary>Motor input set by the simulated PWM channel and H-bridge pins.</summary>
    public double PwmDuty { get; private set; }
    public bool In1 { get; private set; }
    public bool In2 { get; private set; }

    /// <summary>The signed duty the H-bridge applies: IN1 forward, IN2 backward, both low coasts, both high brakes.</summary>
    public double SignedDuty => In1 == In2 ? 0 : In1 ? PwmDuty : -PwmDuty;

    public void SetPwm(double duty)
    {
        Sync();
        PwmDuty = duty;
        if (duty > 0 && _t < _releaseAt) _releaseAt = Math.Min(_releaseAt, _t + _scenario.Initial.Reaction); // the hand feels the motor and lets go
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
            bool held = _t < _releaseAt;
            double voltage = SignedDuty * BatteryVoltage;
            bool open = !In1 && !In2; // both bridge inputs low: the bridge is off, the windings float
            UniwheelState derivative;
            if (held)
            {
                // The hand holds the body still; the wheel turns under the motor alone: M11 phi'' = tau.
                double wheelAcc = _plant.WheelTorque(_state, voltage, open) / _plant.Parameters.WheelMassTerm;
                double rate = _state.WheelRate + wheelAcc * h;
                _state = new UniwheelState(_state.WheelAngle + rate * h, _scenario.Initial.Pitch, rate, 0);
                derivative = new UniwheelState(rate, 0, wheelAcc, 0);
            }
            else
            {
                _state = _plant.Step(_state, voltage, h, open);
                derivative = _plant.Derivative(_state, voltage, open);
            }
            _t += h;
            while (_nextPush < _scenario.Pushes.Length && _scenario.Pushes[_nextPush].Time <= _t)
            {
                var push = _scenario.Pushes[_nextPush++];
                _state = _plant.ApplyImpulse(_state, push.Impulse, push.Height);
            }
            if (Math.Abs(_state.Pitch) >= GroundPitch) // lying on the ground: the body stops there
            {
                _state = _state with { Pitch = Math.CopySign(GroundPitch, _state.Pitch), PitchRate = 0 };
                derivative = derivative with { Pitch = 0, PitchRate = 0 };
            }
            Remember(derivative);
            if (_t >= _nextTrace - 1e-12) Record();
        }
    }

    void Remember(in UniwheelState derivative)
    {
        _history[_historyHead] = (_t, _state, derivative);
        _historyHead = (_historyHead + 1) % HistoryLength;
        _historyFilled = Math.Min(_historyFilled + 1, HistoryLength);
    }

    void Record()
    {
        _trace.Add(new TraceSample(_t, _state.Pitch, _state.WheelAngle * _plant.Parameters.WheelRadius, SignedDuty, BatteryVoltage, _t < _releaseAt));
        _nextTrace += _tracePeriod;
    }
}
