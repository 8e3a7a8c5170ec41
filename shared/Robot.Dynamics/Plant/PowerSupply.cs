namespace Robot.Dynamics.Plant;

/// <summary>
/// The battery and the electronics between it and the motor: the pack's open-circuit voltage, its
/// internal resistance (the terminals sag with the current drawn, and the bridge switches the
/// terminal voltage onto the motor) and the draw of everything but the motor. One model for the
/// trainer's env, the rig's simulated robot and the motor fit, so the fit identifies what the
/// others simulate.
/// </summary>
public readonly record struct PowerSupply(double OpenCircuitVolts, double InternalResistance = PowerSupply.PackResistance, double QuiescentAmps = PowerSupply.ElectronicsAmps)
{
    /// <summary>A small LiPo pack's internal resistance, ohm (a 3S 1,000-2,200 mAh pack: 0.05-0.1).</summary>
    public const double PackResistance = 0.08;
    /// <summary>Draw of the motor driver's logic and the sensors, A.</summary>
    public const double ElectronicsAmps = 0.05;

    /// <summary>
    /// Current out of the battery at the given terminal voltage, A: the electronics plus duty times the
    /// winding current (the bridge passes the winding's current only for the duty's share of each PWM period).
    /// <paramref name="windingRate"/> is the wheel's rate relative to the body (0 for a jammed gearbox); open: both bridge inputs off.
    /// </summary>
    public double Current(UniwheelPlant plant, double duty, double windingRate, bool open, double terminalVolts)
    {
        if (open) return QuiescentAmps;
        var p = plant.Parameters;
        return QuiescentAmps + duty * (plant.EffectiveVoltage(duty * terminalVolts) - p.BackEmfConstant * windingRate) / p.Resistance;
    }

    /// <summary>Current out of the battery, A, at the terminal voltage it makes.</summary>
    public double Current(UniwheelPlant plant, double duty, double windingRate, bool open) =>
        Current(plant, duty, windingRate, open, TerminalVolts(plant, duty, windingRate, open));

    /// <summary>
    /// The voltage at the terminals, V: the current taken at the open-circuit voltage, one fixed-point
    /// step (within 0.1 % of the exact solution at these resistances). A charging current (braking) is not let raise it.
    /// </summary>
    public double TerminalVolts(UniwheelPlant plant, double duty, double windingRate, bool open) =>
        OpenCircuitVolts - InternalResistance * Math.Max(0, Current(plant, duty, windingRate, open, OpenCircuitVolts));
}
