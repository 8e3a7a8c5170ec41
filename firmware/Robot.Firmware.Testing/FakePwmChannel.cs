using System.Device.Pwm;

namespace Robot.Firmware.Testing;

/// <summary>A PWM channel that checks the duty it is given is a PWM duty, and remembers it.</summary>

public sealed class FakePwmChannel : PwmChannel
{
    double _duty;
    public override int Frequency { get; set; } = 20_000;
    public override double DutyCycle
    {
        get => _duty;
        set
        {
            if (value is < 0 or > 1 || double.IsNaN(value)) throw new ArgumentOutOfRangeException(nameof(value), "PWM duty must be in [0, 1]");
            _duty = value;
            if (RecordHistory) History.Add(value);
        }
    }
    public bool Running { get; private set; }
    public List<double> History { get; } = [];
    public bool RecordHistory { get; set; } = true;
    public override void Start() => Running = true;
    public override void Stop() => Running = false;
}
