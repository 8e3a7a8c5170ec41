using System.Text.Json.Nodes;
using Robot.Dynamics.Plant;

namespace Robot.SystemId;

/// <summary>
/// The start of identification: what the robot's owner measured by hand (<see cref="PlantFile.MeasuredByHand"/>),
/// each required by name. The wheel's inertia follows from its mass and radius (a uniform disc,
/// m r^2 / 2) unless the file gives it too.
/// </summary>
public static class MeasuredRobot
{
    /// <summary>The start plant of a start file's text: its parameters, with the wheel's inertia derived when not given.</summary>
    /// <exception cref="FormatException">A measured value is missing (naming each, and how to measure it), or the file is not a plant file.</exception>
    public static UniwheelParameters FromStartFile(string text, string name)
    {
        var file = PlantFile.Parse(text, name);
        var given = JsonNode.Parse(text)?["parameters"]?.AsObject().Select(p => p.Key).ToHashSet() ?? [];
        var missing = PlantFile.MeasuredByHand.Where(r => !given.Contains(r.Name)).ToList();
        if (missing.Count > 0)
            throw new FormatException($"{name}: sysid needs what you measure by hand; give {string.Join("; ", missing.Select(m => $"\"{m.Name}\" ({m.How})"))} " +
                "in its \"parameters\" (docs/sim-to-real.md, step 0)");
        var p = file.Parameters;
        return given.Contains("wheel_inertia") ? p : p with { WheelInertia = p.WheelMass * p.WheelRadius * p.WheelRadius / 2 };
    }
}
