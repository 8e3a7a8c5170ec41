namespace Robot.Firmware.Safety;

public enum SupervisorState
{
    /// <summary>Motor off; waiting for an arm request.</summary>
    Disarmed,
    /// <summary>Motor off; waiting for the body to be held upright and still long enough.</summary>
    Arming,
    /// <summary>The policy drives the motor.</summary>
    Running,
    /// <summary>Motor off, latched until an explicit ClearFault.</summary>
    Faulted,
}

public enum FaultCause
{
    None,
    PolicyInvalid,
    Tilt,
    SensorReadFailures,
    SensorOutOfRange,
    SensorFrozen,
    NonFiniteObservation,
    NonFiniteAction,
    LoopOverruns,
    EmergencyStop,
    LowBattery,
}

/// <summary>How this tick's sensor read went, as the loop judged it.</summary>
public enum SensorHealth
{
    Ok,
    ReadFailed,
    OutOfRange,
    Frozen,
}

/// <summary>A latched fault: what, when (loop time, s), and a human-readable detail.</summary>
public readonly record struct Fault(FaultCause Cause, double Time, string Detail);

/// <summary>Everything the supervisor looks at in one tick.</summary>
public readonly record struct SupervisorInputs(
    double Time, SensorHealth Sensors, double Pitch, double PitchRate, bool ObservationFinite, bool ActionFinite,
    bool Overrun, bool EmergencyStop, double BatteryVoltage = double.NaN);
