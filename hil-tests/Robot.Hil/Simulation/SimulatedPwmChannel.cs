using System.Device.Pwm;

namespace Robot.Hil.Simulation;

/// <summary>
/// A PWM channel feeding the H-bridge's enable input: its duty (while started) reaches the plant.
/// Refuses a duty outside [0, 1] as the kernel's sysfs PWM does; records every change for verdicts.
/// </summary>
public sealed class SimulatedPwmChannel(SimulatedWorld world, int frequency, MotorStateFile? state = null) : PwmChannel
{
    double _duty;
    bool _running;

    public override int Frequency { get; set; } = frequency;

    public override double DutyCycle
    {
        get => _duty;
        set
        {
            if (!(value is >= 0 and <= 1)) throw new ArgumentOutOfRangeException(nameof(value), $"PWM duty {value} is outside [0, 1]");
            _duty = value;
            MaxDuty = Math.Max(MaxDuty, value);
            Apply();
        }
    }

    public bool Running => _running;

    /// <summary>The largest duty ever written.</summary>
    public double MaxDuty { get; private set; }

    /// <summary>(time, duty reaching the bridge) at the last change: when the motor was cut. (Not a list of every change: on the wall clock that list was the rig's only garbage.)</summary>
    public (double Time, double Duty) LastChange { get; private set; }
    bool _applied;

    public override void Start()
    {
        _running = true;
        Apply();
    }

    public override void Stop()
    {
        _running = false;
        Apply();
    }

    void Apply()
    {
        state?.WritePwm(_running, _duty);
        double effective = _running ? _duty : 0;
        if (_applied && LastChange.Duty == effective) return;
        world.SetPwm(effective);
        LastChange = (world.Now, effective);
        _applied = true;
    }
}
