using System.CommandLine;
using System.Diagnostics;
using System.Runtime.InteropServices;
using Robot.Cli;
using Robot.Hil.Running;
using Robot.Hil.Scenarios;
using Robot.Hil.Simulation;

namespace Robot.Hil.Cli;

/// <summary>
/// `robot-hil signal-to-cut`: how long the firmware takes from a signal to the motor cut, measured
/// across processes. Each run starts `robot-hil firmware -- run` balancing the held simulated robot
/// with its motor state in a file, sends the signal once the motor is driven, and takes the cut's
/// time from the file's record of the PWM going from driving to off (both on the machine's monotonic clock). p50, p99 and max
/// per signal (docs/safety.md).
/// </summary>
public static class SignalToCutCommand
{
    static readonly (string Name, int Number)[] Signals = [("SIGINT", 2), ("SIGTERM", 15), ("SIGHUP", 1), ("SIGQUIT", 3)];

    public static Command Create()
    {
        var policy = new Option<string>("--policy") { Description = "The policy the firmware balances with", Required = true };
        var runs = new Option<int>("--runs") { Description = "Runs per signal", DefaultValueFactory = _ => 20 };
        var command = new Command("signal-to-cut", "Measure the firmware's time from SIGINT, SIGTERM, SIGHUP and SIGQUIT to the motor cut, across processes.\n" +
            "Example: robot-hil signal-to-cut --policy hil-tests/fixtures/uniwheel-ppo.rpol --runs 20") { policy, runs };
        command.SetAction(parse => CommandLineHost.Guard(() =>
        {
            string policyPath = Path.GetFullPath(parse.GetValue(policy)!);
            CommandLineHost.LoadPolicy(policyPath);
            int n = parse.GetValue(runs);
            if (n < 1) throw new InputException("--runs must be at least 1");
            string dir = Directory.CreateTempSubdirectory("signal-to-cut-").FullName;
            try
            {
                string config = Path.Combine(dir, "robot.json"), held = Path.Combine(dir, "held.json");
                // Held by the hand for the whole run: nothing but the signal ends it.
                var loose = HilRunner.ConfigureLoose(new Scenario()).WithLimits(("runaway_wheel_rate", 150));
                (loose with { Run = new Robot.Firmware.Runtime.RunOptions { AutoArm = true } }).Save(config);
                File.WriteAllText(held, """{ "duration_s": 3600, "initial": { "release_s": 3000, "reaction_s": 3000 } }""");
                foreach (var (name, number) in Signals)
                {
                    var ms = new List<double>();
                    for (int k = 0; k < n; k++) ms.Add(OneRun(dir, config, held, policyPath, number) * 1000);
                    ms.Sort();
                    Console.WriteLine($"{name,-8} {n} runs: p50 {Percentile(ms, 0.5):F2} ms, p99 {Percentile(ms, 0.99):F2} ms, max {ms[^1]:F2} ms");
                }
            }
            finally
            {
                Directory.Delete(dir, recursive: true);
            }
            return ExitCode.Success;
        }));
        return command;
    }

    static double Percentile(List<double> sorted, double p) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];

    /// <summary>Seconds from the signal to the cut.</summary>
    static double OneRun(string dir, string config, string held, string policy, int signal)
    {
        string state = Path.Combine(dir, "motor-state");
        File.Delete(state);
        var info = new ProcessStartInfo("env") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { "--default-signal", "dotnet", typeof(SignalToCutCommand).Assembly.Location, "firmware", "--motor-state", state, "--scenario", held,
                     "--", "run", "--policy", policy, "--config", config })
            info.ArgumentList.Add(a);
        using var process = Process.Start(info)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            var wait = Stopwatch.StartNew();
            // Driven for a while: the policy's ticks, not the arming pulse.
            while (!(File.Exists(state) && MotorStateFile.Read(state) is { PwmEnabled: true, PwmWrites: > 200 }))
            {
                if (process.HasExited || wait.Elapsed > TimeSpan.FromSeconds(30)) throw new IOException("the firmware did not start balancing");
                Thread.Sleep(20);
            }
            long sent;
            // The clock read and the kill at the cut's own priority: a preemption between them would be
            // counted as the firmware's time.
            using (Robot.Firmware.Loop.RealTimeScheduling.Enter(Robot.Firmware.Runtime.ProcessGuard.CutPriority, out _))
            {
                sent = Stopwatch.GetTimestamp();
                if (!Robot.Firmware.Runtime.ProcessSignal.Send(process.Id, signal)) throw new IOException($"kill failed ({Marshal.GetLastWin32Error()})");
            }
            if (!process.WaitForExit(15_000)) throw new IOException("the firmware did not exit after the signal");
            var after = MotorStateFile.Read(state);
            if (after.PwmEnabled || after.Duty != 0) throw new IOException($"the motor was left driven: {after}");
            return (double)(after.StoppedAt - sent) / Stopwatch.Frequency;
        }
        finally
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
        }
    }
}
