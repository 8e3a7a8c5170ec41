using Robot.Firmware.Safety;
using Robot.Observation;

namespace Robot.Firmware.Telemetry;

/// <summary>
/// One control tick as telemetry records it: raw sensors, estimate, action, duty, timing, state,
/// battery, faults (bits of FaultCause), and the commanded velocity (m/s). Position is the
/// policy's: for a driving policy, the distance from the point moving at the command.
/// </summary>
public record struct TickRecord(
    long Tick, double Time, short AccelForward, short AccelUp, short GyroPitch, ushort Encoder,
    float Pitch, float PitchRate, float Position, float Velocity, float Action, float Duty,
    float LatenessMicroseconds, float ComputeMicroseconds, SupervisorState State, float BatteryVolts = float.NaN,
    float BatteryAmps = float.NaN, long Faults = 0, float TargetVelocity = 0)
{
    /// <summary>The faults set at the end of this tick.</summary>
    public readonly FaultCause FaultSet => (FaultCause)Faults;
}
