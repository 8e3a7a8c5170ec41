using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using Robot.Cli;
using Robot.Dynamics.Plant;
using Robot.Policy;

namespace Robot.Hil.Cli;

/// <summary>
/// `robot-hil measured`: what the owner of a simulated robot would measure by hand (the masses and the
/// wheel's radius, <see cref="PlantFile.MeasuredByHand"/>), as the start file sysid asks for: the
/// rig's stand-in for a scale and a ruler.
/// </summary>
public static class MeasuredCommand
{
    public static Command Create()
    {
        var plant = new Option<string>("--plant") { Description = "The simulated robot (a plant file)", Required = true };
        var output = new Option<string>("--out") { Description = "The start file to write (a new file)", Required = true };
        var command = new Command("measured", "Write what a person would measure by hand on the simulated robot (body_mass, wheel_mass, wheel_radius) " +
            "as the start file of robot-trainer sysid.\nExample: robot-hil measured --plant hil-tests/robots/short-weak.json --out start.json") { plant, output };
        command.SetAction(parse => CommandLineHost.Guard(() =>
        {
            string path = parse.GetValue(output)!;
            InputFile.RequireNewOutput(path, "--out");
            var robot = HilCli.LoadPlant(parse.GetValue(plant))!;
            var all = JsonSerializer.SerializeToNode(robot, PlantFile.Json)!.AsObject();
            var measured = new JsonObject();
            foreach (var (name, _) in PlantFile.MeasuredByHand) measured[name] = all[name]!.DeepClone();
            var file = new JsonObject
            {
                ["format"] = PlantFile.CurrentFormat,
                ["parameters"] = measured,
                ["sources"] = new JsonArray($"measured by hand on the simulated robot {Path.GetFileName(parse.GetValue(plant))}"),
            };
            DurableFile.WriteAllText(path, file.ToJsonString(PlantFile.Json));
            Console.WriteLine($"Wrote {Path.GetFullPath(path)}");
            return 0;
        }));
        return command;
    }
}
