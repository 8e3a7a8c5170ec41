using Robot.Observation;
namespace Robot.Firmware.Safety.Checks;

/// <summary>
/// Judges the INA219's readings, taken every few ticks: the filtered voltage against the low limit
/// (a low battery is a resting voltage, not a current spike), the current against the limit for a
/// sustained time (over-current or a stalled motor), a monitor that stops answering (which would
/// silently disable both cuts), and one whose readings stop changing at all while the motor drives
/// (an ADC stuck at a plausible value).
/// </summary>
public sealed class BatteryCheck(SupervisorLimits limits)
{
    /// <summary>Time constant of the voltage filter, s.</summary>
    public const double VoltageTau = 0.5;
    /// <summary>A single reading this many times the current limit trips at once (a shorted winding or wire).</summary>
    public const double InstantTripFactor = 1.5;

    double _volts = double.NaN, _lastTime = double.NaN, _overSince = double.NaN, _sameSince = double.NaN;
    int _failures;
    BatteryReading _lastRaw;

    /// <summary>The filtered voltage, V (NaN before the first reading).</summary>
    public double Volts => _volts;
    /// <summary>The last current reading, A.</summary>
    public double Amps { get; private set; } = double.NaN;

    /// <summary>Judges one reading (null when the read failed).</summary>
    public void Check(double time, BatteryReading? reading, bool armed, bool driving, FaultSet faults)
    {
        if (reading is not BatteryReading r)
        {
            _failures++;
            if (armed && _failures >= limits.MaxConsecutiveReadFailures)
                faults.Report(FaultCause.BatteryMonitorSilent, time, "{0} consecutive battery monitor read failures", _failures);
            return;
        }
        _failures = 0;
        double dt = double.IsNaN(_lastTime) ? 0 : time - _lastTime;
        _lastTime = time;
        _volts = double.IsNaN(_volts) ? r.Volts : _volts + dt / (VoltageTau + dt) * (r.Volts - _volts);
        Amps = r.Amps;
        if (armed && _volts < limits.LowBatteryVoltage)
            faults.Report(FaultCause.LowBattery, time, "battery {0:F2} V below {1:F2} V", _volts, limits.LowBatteryVoltage);

        if (armed && Math.Abs(r.Amps) > InstantTripFactor * limits.MaxCurrent) // a short: no waiting
            faults.Report(FaultCause.OverCurrent, time, "battery current {0:F2} A above {1:F2} A at once (a short?)", r.Amps, InstantTripFactor * limits.MaxCurrent);
        if (!(Math.Abs(r.Amps) > limits.MaxCurrent)) _overSince = double.NaN;
        else if (double.IsNaN(_overSince)) _overSince = time;
        else if (armed && time - _overSince >= limits.OverCurrentSeconds)
            faults.Report(FaultCause.OverCurrent, time, "battery current {0:F2} A above {1:F2} A", r.Amps, limits.MaxCurrent);

        if (!driving || r != _lastRaw) _sameSince = double.NaN;
        else if (double.IsNaN(_sameSince)) _sameSince = time;
        else if (armed && time - _sameSince >= limits.BatteryFrozenSeconds)
            faults.Report(FaultCause.BatteryMonitorFrozen, time, "battery monitor readings unchanged for {0:F2} s while the motor drives", time - _sameSince);
        _lastRaw = r;
    }

    public void Reset()
    {
        _failures = 0;
        _overSince = _sameSince = double.NaN;
    }
}

/// <summary>One battery monitor reading: bus voltage, V, and current, A.</summary>
public readonly record struct BatteryReading(double Volts, double Amps);
