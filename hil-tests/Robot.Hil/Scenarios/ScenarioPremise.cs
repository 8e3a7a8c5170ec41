using System.Text.Json.Serialization;
using Robot.Dynamics.Plant;

namespace Robot.Hil.Scenarios;

/// <summary>
/// What a scenario's expectation takes for granted about the robot, checked against the plant it runs
/// on (robot-hil --plant). A robot where it does not hold reports the scenario as not applicable,
/// with the reason, instead of a failure that says nothing about the policy: `fault-tilt` expects the
/// tilt check to name a fall at a collapsed battery, which needs a motor that still turns the wheel
/// there (on a sticky drive the stall check rightly comes first).
/// </summary>
public sealed record ScenarioPremise
{
    /// <summary>At this battery voltage and the scenario's duty limit ...</summary>
    [JsonPropertyName("battery_v")] public double BatteryVolts { get; init; }
    /// <summary>... the motor turns the unloaded wheel faster than this, rad/s.</summary>
    [JsonPropertyName("free_wheel_above_rad_s")] public double FreeWheelAbove { get; init; }

    /// <summary>Why the premise fails on this robot, or null when it holds.</summary>
    public string? NotApplicable(UniwheelParameters plant, double dutyLimit)
    {
        double rate = FreeWheelRate(plant, BatteryVolts * dutyLimit);
        return rate > FreeWheelAbove ? null
            : $"at {BatteryVolts:0.##} V and duty limit {dutyLimit:0.##} this robot's motor turns the free wheel at {Math.Max(0, rate):F2} rad/s, " +
              $"not above {FreeWheelAbove:0.##}: the premise does not hold here";
    }

    /// <summary>
    /// The unloaded wheel's steady speed at a motor voltage: the voltage past the deadband drives the
    /// current that balances dry friction and, with the back-EMF, the viscous drag (docs/uniwheel-model.md).
    /// </summary>
    public static double FreeWheelRate(UniwheelParameters p, double volts) =>
        (volts - p.Deadband - p.CoulombFriction * p.Resistance / p.TorqueConstant)
        / (p.BackEmfConstant + p.ViscousFriction * p.Resistance / p.TorqueConstant);
}
