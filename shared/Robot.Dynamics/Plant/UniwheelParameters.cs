namespace Robot.Dynamics.Plant;

/// <summary>
/// Physical parameters of the uniwheel robot in the pitch plane. Defaults describe a robot of
/// about 1 kg with a 5 cm wheel and a 12 V-class gearmotor on a 3S battery; docs/uniwheel-model.md
/// gives each one's source. Motor constants are at the wheel (gear ratio included).
/// </summary>
public sealed record UniwheelParameters
{
    /// <summary>Body mass, kg.</summary>
    public double BodyMass { get; init; } = 1.0;
    /// <summary>Distance from the wheel axle to the body's centre of mass, m.</summary>
    public double BodyComHeight { get; init; } = 0.10;
    /// <summary>Body's pitch moment of inertia about its centre of mass, kg m^2.</summary>
    public double BodyInertia { get; init; } = 0.004;
    public double WheelMass { get; init; } = 0.15;
    public double WheelRadius { get; init; } = 0.05;
    /// <summary>Wheel inertia about the axle, kg m^2 (a uniform disc: m r^2 / 2).</summary>
    public double WheelInertia { get; init; } = 0.15 * 0.05 * 0.05 / 2;
    /// <summary>Rotor and gear inertia reflected to the wheel side (n^2 J_rotor), kg m^2; it turns with the body-relative angle.</summary>
    public double RotorInertia { get; init; } = 1.0e-4;
    public double Gravity { get; init; } = 9.81;

    /// <summary>Torque per ampere at the wheel (n K_t), N m / A.</summary>
    public double TorqueConstant { get; init; } = 0.30;
    /// <summary>Back-EMF per wheel-relative rad/s (n K_e), V s / rad.</summary>
    public double BackEmfConstant { get; init; } = 0.30;
    /// <summary>Winding resistance, ohm (inductance is neglected: its time constant is well under a millisecond).</summary>
    public double Resistance { get; init; } = 2.4;
    /// <summary>Viscous friction on the body-relative wheel rate, N m s / rad.</summary>
    public double ViscousFriction { get; init; } = 0.002;
    /// <summary>Coulomb (dry) friction torque of motor and gearbox, N m.</summary>
    public double CoulombFriction { get; init; } = 0.01;
    /// <summary>Voltage below which the motor does not turn (driver and gearbox deadband), V.</summary>
    public double Deadband { get; init; } = 0.3;
    public double BatteryVoltage { get; init; } = 11.1;

    // The mass matrix of docs/uniwheel-model.md, in one place for the plant and its linearization.

    /// <summary>M11 = (m_w + m_b) r^2 + I_w + J_r.</summary>
    [System.Text.Json.Serialization.JsonIgnore] public double WheelMassTerm => (WheelMass + BodyMass) * WheelRadius * WheelRadius + WheelInertia + RotorInertia;

    /// <summary>M22 = m_b l^2 + I_b + J_r.</summary>
    [System.Text.Json.Serialization.JsonIgnore] public double BodyMassTerm => BodyMass * BodyComHeight * BodyComHeight + BodyInertia + RotorInertia;

    /// <summary>M12 = m_b r l cos(theta) - J_r.</summary>
    public double CouplingTerm(double cosPitch) => BodyMass * WheelRadius * BodyComHeight * cosPitch - RotorInertia;
}
