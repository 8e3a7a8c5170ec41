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
        var command = new Command("export-lqr", "Write the LQR baseline (nominal plant, docs/uniwheel-model.md) as a policy file.\n" +
            "Example: robot-hil export-lqr --out hil-tests/fixtures/lqr.rpol") { output, rate, driving };
        command.SetAction(parse => CommandLineHost.Guard(() =>
        {
            string path = parse.GetValue(output)!;
            var lqr = LqrBaseline.Design(new UniwheelParameters(), parse.GetValue(rate), driving: parse.GetValue(driving));
            PolicyFile.Save(path, LinearPolicy.Create(lqr.ObservationNames, lqr.DutyGains, lqr.Metadata));
            Console.WriteLine($"Wrote {Path.GetFullPath(path)} ({new FileInfo(path).Length} bytes)");
            return 0;
        }));
        return command;
    }
}
