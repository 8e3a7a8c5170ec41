using Robot.Observation;

namespace Robot.Firmware.Safety;

/// <summary>A latched fault: what, when (loop time, s), and a human-readable detail.</summary>
public readonly record struct Fault(FaultCause Cause, double Time, string Detail);
