using System.Diagnostics;
using Robot.Hil.Running;
using Robot.Hil.Scenarios;

namespace Robot.Hil.Tests;

/// <summary>
/// `robot-firmware bringup` as a person runs it, on the simulated robot (robot-hil firmware), typing
/// at its prompts: on the stand the kick must spin the free wheel forward and wheel_lifted end the
/// arming; only then, on the floor, does it balance. A reversed motor stops it at the stand.
/// </summary>
[Trait("Category", "RealTime")]
[Collection("Processes")]
public sealed class BringupProcessTests : IDisposable
{
    readonly string _dir = Directory.CreateTempSubdirectory("bringup-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>On its stand (the wheel in the air, the body clamped) for the first 4 s, then set down upright and held until the motor takes over.</summary>
    string StandThenFloor(string extraFault = "")
    {
        string path = Path.Combine(_dir, "stand-then-floor.json");
        File.WriteAllText(path, $$"""
            { "duration_s": 3600, "initial": { "pitch_rad": 0.02, "release_s": 3000, "reaction_s": 0.05 },
              "faults": [ { "kind": "wheel_lifted", "start_s": 0, "end_s": 4, "value": 0.02 }{{extraFault}} ] }
            """);
        return path;
    }

    /// <summary>Runs bringup, typing each line after its delay; returns the exit code and everything it printed.</summary>
    (int Code, string Output) Bringup(string scenario, params (double AfterSeconds, string Line)[] typed)
    {
        string config = Path.Combine(_dir, "robot.json");
        // Timing limits at their loosest: a loaded test machine must not fault the wall-clock loop first.
        HilRunner.ConfigureLoose(new Scenario()).Save(config);
        var info = new ProcessStartInfo("env") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { "--default-signal", "dotnet", Path.Combine(AppContext.BaseDirectory, "robot-hil.dll"), "firmware", "--scenario", scenario, "--",
                     "bringup", "--policy", HilPaths.TrainedPolicy, "--config", config, "--show-seconds", "0.4" })
            info.ArgumentList.Add(a);
        using var p = Process.Start(info)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        foreach (var (after, line) in typed)
        {
            Thread.Sleep(TimeSpan.FromSeconds(after));
            if (p.HasExited) break;
            p.StandardInput.WriteLine(line);
        }
        if (!p.WaitForExit(30_000)) p.Kill(entireProcessTree: true);
        return (p.ExitCode, stdout.Result + stderr.Result);
    }

    [Fact]
    public void TheStandStepPassesBeforeTheRobotBalancesOnTheFloor()
    {
        var (code, output) = Bringup(StandThenFloor(), (1.5, "yes"), (0.5, ""), (4.5, ""), (3.5, "quit"));
        Assert.True(code == 0, output);
        Assert.Contains("stand passed: the kick turned the wheel forward", output);
        Assert.Contains("FAULT wheel_lifted", output); // the stand's verdict, then cleared
        int floor = output.IndexOf("3/3 on the floor", StringComparison.Ordinal);
        Assert.True(floor > 0, output);
        Assert.Contains("state Running", output[floor..]); // Running only after the floor step began
        Assert.DoesNotContain("state Running", output[..floor]);
    }

    [Fact]
    public void AReversedMotorStopsItAtTheStand()
    {
        var (code, output) = Bringup(StandThenFloor(""", { "kind": "motor_reversed", "start_s": 0 }"""), (1.5, "yes"), (0.5, ""), (3.0, ""));
        Assert.True(code == Robot.Cli.ExitCode.Failed, output);
        Assert.Contains("bring-up stopped at 2/3 on the stand: the kick turned the wheel backward", output);
        Assert.Contains("swap the motor leads", output);
        Assert.DoesNotContain("3/3 on the floor", output);
        Assert.DoesNotContain("state Running", output);
    }

    [Fact]
    public void SensorsThatDidNotMoveTheRightWayStopItBeforeTheMotorIsDriven()
    {
        var (code, output) = Bringup(StandThenFloor(), (1.5, "no"));
        Assert.True(code == Robot.Cli.ExitCode.Failed, output);
        Assert.Contains("bring-up stopped at 1/3 sensors", output);
        Assert.Contains("imu.mounting", output);
        Assert.DoesNotContain("2/3 on the stand", output);
    }
}
