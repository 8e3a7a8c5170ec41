namespace Robot.Dynamics.Plant;

/// <summary>
/// Wheeled inverted pendulum with a voltage-driven DC gearmotor, from the Lagrangian of body and
/// wheel rolling without slip (docs/uniwheel-model.md):
///   M(theta) [phi'', theta'']^T = [ m_b r l sin(theta) theta'^2 + tau ,  m_b g l sin(theta) - tau ]^T
///   M = [[ (m_w + m_b) r^2 + I_w + J_r ,  m_b r l cos(theta) - J_r ],
///        [ m_b r l cos(theta) - J_r    ,  m_b l^2 + I_b + J_r      ]]
/// where tau is the motor's torque on the wheel minus friction (the body feels -tau), acting on
/// the body-relative angle psi = phi - theta. Integrated with fixed-step RK4.
/// </summary>
public sealed class UniwheelPlant(UniwheelParameters parameters)
{
    /// <summary>Coulomb friction is smoothed with tanh(psi' / width) so the integrator sees no jump.</summary>
    const double CoulombWidth = 0.05;

    public UniwheelParameters Parameters { get; } = parameters;

    /// <summary>The voltage the motor actually sees for a commanded voltage: saturated at the battery, less the deadband.</summary>
    public double EffectiveVoltage(double commanded)
    {
        var p = Parameters;
        double v = Math.Clamp(commanded, -p.BatteryVoltage, p.BatteryVoltage);
        double magnitude = Math.Max(Math.Abs(v) - p.Deadband, 0);
        return Math.CopySign(magnitude, v);
    }

    /// <summary>
    /// Net torque on the wheel relative to the body (motor minus friction), N m, for a commanded voltage.
    /// An open circuit (H-bridge coasting: both switches off) carries no current, so no back-EMF braking.
    /// </summary>
    public double WheelTorque(in UniwheelState s, double commandedVoltage, bool openCircuit = false)
    {
        var p = Parameters;
        double relativeRate = s.WheelRate - s.PitchRate;
        double current = openCircuit ? 0 : (EffectiveVoltage(commandedVoltage) - p.BackEmfConstant * relativeRate) / p.Resistance;
        double friction = p.ViscousFriction * relativeRate + p.CoulombFriction * Math.Tanh(relativeRate / CoulombWidth);
        return p.TorqueConstant * current - friction;
    }

    /// <summary>
    /// Time derivative of the state under a commanded motor voltage, on the ground or in an
    /// identification rig: with the body clamped only the wheel accelerates, (I_w + J_r) phi'' = tau;
    /// hanging with the wheel held only the body does, M22 theta'' = m_b g l sin(theta) - tau (the
    /// second row of the equations with phi'' = 0; upside down theta is near pi, so gravity restores).
    /// </summary>
    public UniwheelState Derivative(in UniwheelState s, double commandedVoltage, bool openCircuit = false, Mount mount = Mount.Ground)
    {
        var p = Parameters;
        double tau = WheelTorque(s, commandedVoltage, openCircuit);
        switch (mount)
        {
            case Mount.WheelLifted:
                return new UniwheelState(s.WheelRate, s.PitchRate, tau / (p.WheelInertia + p.RotorInertia), 0);
            case Mount.Hanging:
                return new UniwheelState(s.WheelRate, s.PitchRate, 0, (p.BodyMass * p.Gravity * p.BodyComHeight * Math.Sin(s.Pitch) - tau) / p.BodyMassTerm);
        }
        (double sin, double cos) = Math.SinCos(s.Pitch);
        double mrl = p.BodyMass * p.WheelRadius * p.BodyComHeight;
        double m11 = p.WheelMassTerm, m12 = p.CouplingTerm(cos), m22 = p.BodyMassTerm;
        double f1 = mrl * sin * s.PitchRate * s.PitchRate + tau;
        double f2 = p.BodyMass * p.Gravity * p.BodyComHeight * sin - tau;
        double det = m11 * m22 - m12 * m12;
        double wheelAcc = (m22 * f1 - m12 * f2) / det;
        double pitchAcc = (m11 * f2 - m12 * f1) / det;
        return new UniwheelState(s.WheelRate, s.PitchRate, wheelAcc, pitchAcc);
    }

    /// <summary>One classical Runge-Kutta step of length dt with the voltage held.</summary>
    public UniwheelState Step(in UniwheelState s, double commandedVoltage, double dt, bool openCircuit = false, Mount mount = Mount.Ground)
    {
        var k1 = Derivative(s, commandedVoltage, openCircuit, mount);
        var k2 = Derivative(s + (dt / 2) * k1, commandedVoltage, openCircuit, mount);
        var k3 = Derivative(s + (dt / 2) * k2, commandedVoltage, openCircuit, mount);
        var k4 = Derivative(s + dt * k3, commandedVoltage, openCircuit, mount);
        return s + (dt / 6) * (k1 + 2 * k2 + 2 * k3 + k4);
    }

    /// <summary>
    /// The state just after a horizontal impulse J (N s, positive forward) on the body at
    /// <paramref name="height"/> above the axle. The point moves by x = r phi + h sin(theta), so
    /// the generalized impulse is J [r, h cos(theta)] and the rates jump by M^-1 times it.
    /// </summary>
    public UniwheelState ApplyImpulse(in UniwheelState s, double impulse, double height)
    {
        var p = Parameters;
        double cos = Math.Cos(s.Pitch);
        double m11 = p.WheelMassTerm, m12 = p.CouplingTerm(cos), m22 = p.BodyMassTerm;
        double q1 = impulse * p.WheelRadius, q2 = impulse * height * cos;
        double det = m11 * m22 - m12 * m12;
        return s with { WheelRate = s.WheelRate + (m22 * q1 - m12 * q2) / det, PitchRate = s.PitchRate + (m11 * q2 - m12 * q1) / det };
    }

    /// <summary>Kinetic plus potential energy (zero potential at the axle's height), J.</summary>
    public double Energy(in UniwheelState s)
    {
        var p = Parameters;
        double m11 = p.WheelMassTerm, m12 = p.CouplingTerm(Math.Cos(s.Pitch)), m22 = p.BodyMassTerm;
        double kinetic = 0.5 * (m11 * s.WheelRate * s.WheelRate + 2 * m12 * s.WheelRate * s.PitchRate + m22 * s.PitchRate * s.PitchRate);
        return kinetic + p.BodyMass * p.Gravity * p.BodyComHeight * Math.Cos(s.Pitch);
    }

    /// <summary>
    /// The open-loop unstable pole with the motor disconnected, sqrt(m_b g l M11 / det M(0)),
    /// from the linearized equations at upright.
    /// </summary>
    public double UnstablePoleWithoutMotor()
    {
        var p = Parameters;
        double m11 = p.WheelMassTerm, m12 = p.CouplingTerm(1), m22 = p.BodyMassTerm;
        return Math.Sqrt(p.BodyMass * p.Gravity * p.BodyComHeight * m11 / (m11 * m22 - m12 * m12));
    }
}
