using Robot.Cli;
using System.CommandLine;
using System.Text.Json;
using Robot.Hil.Reporting;
using Robot.Hil.Running;
using Robot.Hil.Scenarios;

namespace Robot.Hil.Cli;

/// <summary>`robot-hil suite`: every scenario of a folder, a table, and the verdict: fit to deploy or not.</summary>
public static class SuiteCommand
{
    public static Command Create()
    {
        var folder = new Argument<string>("DIR") { Description = "Folder of scenario files (*.json)" };
        var policy = HilCli.PolicyOption();
        var json = new Option<string?>("--json") { Description = "Also write every result to this JSON file" };
        var plots = new Option<string?>("--plots") { Description = "Write one PNG per scenario into this folder" };
        var plant = HilCli.PlantOption();
        var robotConfig = HilCli.ConfigOption();
        var dutyLimit = new Option<double?>("--duty-limit") { Description = "robot.json's motor.duty_limit for every scenario that does not set its own (the deploy config's 0.5, say)" };
        var command = new Command("suite", "Run a folder of scenarios in simulated time and print a table. Exit code 0 only when all pass.\n" +
            "Example: robot-hil suite hil-tests/scenarios --policy hil-tests/fixtures/uniwheel-ppo.rpol --plots runs/hil")
            { folder, policy, json, plots, plant, robotConfig, dutyLimit };
        command.SetAction(parse => CommandLineHost.Guard(() =>
        {
            string policyPath = parse.GetValue(policy)!;
            var model = CommandLineHost.LoadPolicy(policyPath);
            var scenarios = ScenarioFile.LoadFolder(parse.GetValue(folder)!);
            if (HilCli.LoadPlant(parse.GetValue(plant)) is { } robot) scenarios = scenarios.Select(s => s.OnRobot(robot)).ToList();
            scenarios = HilCli.WithConfig(scenarios, parse.GetValue(robotConfig)).ToList();
            if (parse.GetValue(dutyLimit) is double limit) scenarios = scenarios.Select(s => s.AtDutyLimit(limit)).ToList();
            string? plotDir = parse.GetValue(plots);
            if (plotDir is not null) Directory.CreateDirectory(plotDir);
            var results = new List<HilResult>();
            bool live = !Console.IsErrorRedirected; // a progress line only on a terminal
            foreach (var scenario in scenarios)
            {
                if (live) Console.Error.Write($"\r{scenario.Name,-40}");
                var result = HilRunner.Run(scenario, model);
                results.Add(result);
                if (plotDir is not null && result.NotApplicable is null) HilPlot.Write(result, scenario, Path.Combine(plotDir, scenario.Name + ".png"));
            }
            if (live) Console.Error.Write("\r" + new string(' ', 40) + "\r");
            Console.Write(SuiteTable.Format(results, Path.GetFileName(policyPath)));
            if (parse.GetValue(json) is string jsonPath)
                File.WriteAllText(jsonPath, JsonSerializer.Serialize(results, new JsonSerializerOptions { WriteIndented = true }));
            return results.All(r => r.Passed || r.NotApplicable is not null) ? 0 : ExitCode.Failed;
        }));
        return command;
    }
}
