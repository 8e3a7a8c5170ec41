using Robot.Cli;
using System.CommandLine;
using Robot.Policy;

namespace Robot.Trainer.Cli;

/// <summary>`robot-trainer policy inspect FILE`: what a policy file holds, or why it is refused.</summary>
public static class PolicyCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("FILE") { Description = "A policy file (.rpol)" };
        var inspect = new Command("inspect", "Print a policy file's header, observation and action spec, layers, parameter count, " +
            "metadata and checksum status; exit non-zero with the reason if the file is invalid.") { file };
        inspect.SetAction(parse => CommandLineHost.Guard(() =>
        {
            string path = parse.GetValue(file)!;
            if (!File.Exists(path)) throw new ArgumentException($"no policy file at '{path}'");
            if (new FileInfo(path).Length > PolicyFormat.MaxFileBytes)
                throw new PolicyFormatException(PolicyError.SizeOutOfRange, "file is larger than any policy file may be");
            Console.Write(PolicyInspector.Describe(File.ReadAllBytes(path)));
            return 0;
        }));
        return new Command("policy", "Work with policy files.") { inspect };
    }
}
