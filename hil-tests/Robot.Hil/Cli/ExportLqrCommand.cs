using Robot.Cli;
using System.CommandLine;
using Robot.Dynamics.Control;
using Robot.Dynamics.Plant;
using Robot.Policy;

namespace Robot.Hil.Cli;

/// <summary>`robot-hil export-lqr`: the tuned LQR baseline as a policy file, so it runs on the same firmware path as learned policies.</summary>
public static class ExportLqrCommand
{
    public static Command Create()
    {
        var output = new Option<string>("--out") { Description = "Policy file to write", Required = true };
        var rate = new Option<double>("--rate") { Description = "Control rate the gains are discretized for, Hz", DefaultValueFactory = _ => 200 };
        var driving = new Option<bool>("--driving") { Description = "Gains for the driving observation (tracks the commanded velocity; docs/ground-station.md)" };
        var plant = new Option<string?>("--plant") { Description = "Design for this robot (robot-plant.json from sysid) instead of the built-in one" };
        var command = new Command("export-lqr", "Write the LQR baseline (the built-in plant of docs/uniwheel-model.md, or --plant) as a policy file.\n" +
            "Example: robot-hil export-lqr --plant robot-plant.json --out lqr.rpol") { output, rate, driving, plant };
        command.SetAction(parse => CommandLineHost.Guard(() =>
        {
            string path = parse.GetValue(output)!;
            string? plantPath = parse.GetValue(plant);
            var lqr = LqrBaseline.Design(HilCli.LoadPlant(plantPath) ?? new UniwheelParameters(), parse.GetValue(rate), driving: parse.GetValue(driving));
            var metadata = plantPath is null ? lqr.Metadata
                : [.. lqr.Metadata, new("plant_file", Path.GetFileName(plantPath)), new("plant_sha256", PlantFile.Checksum(File.ReadAllBytes(plantPath)))];
            PolicyFile.Save(path, LinearPolicy.Create(lqr.ObservationNames, lqr.DutyGains, metadata));
            Console.WriteLine($"Wrote {Path.GetFullPath(path)} ({new FileInfo(path).Length} bytes)");
            return 0;
        }));
        return command;
    }
}
