namespace Robot.Firmware.Safety;

public enum SupervisorState
{
    /// <summary>Motor off; waiting for an explicit arm request.</summary>
    Disarmed,
    /// <summary>Preflight passed: the direction pulse, then waiting for the body to be held upright and still long enough.</summary>
    Arming,
    /// <summary>The policy drives the motor.</summary>
    Running,
    /// <summary>Motor off, latched until an explicit ClearFault.</summary>
    Faulted,
}

/// <summary>What the supervisor allows the motor this tick.</summary>
public enum Drive
{
    Off,
    /// <summary>Arming's direction-check pulse.</summary>
    DirectionPulse,
    Policy,
}
