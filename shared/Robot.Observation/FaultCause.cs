namespace Robot.Observation;

/// <summary>
/// Every fault the firmware's checks can report, one bit each, so that simultaneous faults are all
/// kept (the firmware's FaultSet); spelt by <see cref="FaultNames"/> wherever a person or a file sees
/// one: telemetry, the station's API, scenario files and HIL results.
/// </summary>
[Flags]
public enum FaultCause : long
{
    None = 0,
    PolicyInvalid = 1L << 0,
    Tilt = 1L << 1,
    ImuReadFailures = 1L << 2,
    /// <summary>No good IMU sample for longer than the blind time, even if a read then succeeded.</summary>
    ImuStale = 1L << 3,
    ImuFrozen = 1L << 4,
    /// <summary>Accelerometer saturated or no gravity in the pitch plane (a shock, a broken or reset chip).</summary>
    ImuOutOfRange = 1L << 5,
    GyroSaturated = 1L << 6,
    EncoderReadFailures = 1L << 7,
    MagnetLost = 1L << 8,
    /// <summary>The arming pulse turned the wheel the wrong way, or not at all.</summary>
    DirectionCheck = 1L << 9,
    Runaway = 1L << 10,
    MotorStall = 1L << 11,
    OverCurrent = 1L << 12,
    BatteryMonitorSilent = 1L << 13,
    BatteryMonitorFrozen = 1L << 14,
    LowBattery = 1L << 15,
    NonFiniteObservation = 1L << 16,
    NonFiniteAction = 1L << 17,
    LoopOverruns = 1L << 18,
    /// <summary>No control tick completed within the watchdog time: the loop thread is stuck.</summary>
    Watchdog = 1L << 19,
    EmergencyStop = 1L << 20,
    /// <summary>The process is ending (a signal, a crash, the runtime's exit): set before the cut so nothing drives again.</summary>
    ProcessEnding = 1L << 21,
    /// <summary>The wheel spins up with the body's pitch unmoved: the robot is on a stand or picked up, not on the ground.</summary>
    WheelLifted = 1L << 22,
    /// <summary>While running, the wheel turns against the duty, or the encoder counts as if mirrored: motor leads or encoder reversed.</summary>
    DirectionMismatch = 1L << 23,
}
