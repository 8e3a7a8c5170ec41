using Robot.Firmware.Safety;
using Robot.Hil.Running;
using Robot.Hil.Scenarios;
using Robot.Policy;

namespace Robot.Hil.Tests;

/// <summary>The firmware driven along velocity profiles (hil-tests/scenarios/drive), in simulated time.</summary>
public class DrivingTests
{
    static HilResult Run(string name, string policy) =>
        HilRunner.Run(ScenarioFile.Load(Path.Combine(HilPaths.DrivingScenarios, name + ".json")), PolicyFile.Load(policy));

    static string Failures(HilResult result) => string.Join("; ", result.Checks.Where(c => !c.Passed).Select(c => $"{c.Name}: {c.Detail}"));

    [Theory]
    [InlineData("drive-steps")]
    [InlineData("drive-ramps")]
    [InlineData("dead-man")]
    public void TheDrivingPolicyFollowsTheCommands(string scenario)
    {
        var result = Run(scenario, HilPaths.DrivingPolicy);
        Assert.True(result.Passed, Failures(result));
        Assert.Contains(result.Checks, c => c.Name is "tracks the commanded speed" or "dead-man: command back to 0");
    }

    [Theory]
    [InlineData("drive-steps")]
    [InlineData("drive-ramps")]
    [InlineData("dead-man")]
    public void TheLqrBaselineFollowsTheSameCommands(string scenario)
    {
        var result = Run(scenario, HilPaths.DrivingLqr);
        Assert.True(result.Passed, Failures(result));
    }

    [Fact]
    public void TheDeadManBringsTheTargetBackToZeroWhileTheRobotBalances()
    {
        var scenario = ScenarioFile.Load(Path.Combine(HilPaths.DrivingScenarios, "dead-man.json"));
        var result = HilRunner.Run(scenario, PolicyFile.Load(HilPaths.DrivingPolicy));
        double quiet = scenario.Drive!.StopSending;
        // Driving at 0.4 m/s just before the page went quiet; 0 from 300 ms later to the end, still running.
        Assert.Contains(result.Telemetry, r => r.Time < quiet && r.Time > quiet - 1 && r.TargetVelocity == 0.4f);
        Assert.All(result.Telemetry.Where(r => r.Time >= quiet + 0.3), r => Assert.Equal(0f, r.TargetVelocity));
        Assert.Equal(SupervisorState.Running, result.Telemetry[^1].State);
        Assert.True(result.Trace.Where(s => s.Time > quiet - 1 && s.Time < quiet).Average(s => s.Velocity) > 0.25, "the robot was not driving before the page went quiet");
    }

    [Fact]
    public void ABalancingPolicyIsNeverDriven()
    {
        // The same commands sent to a policy without the velocity input: the firmware's target stays 0 and the robot stays near its start.
        var result = Run("drive-steps", HilPaths.TrainedPolicy);
        Assert.All(result.Telemetry, r => Assert.Equal(0f, r.TargetVelocity));
        Assert.True(result.MaxDrift < 0.3, $"a balancing policy drifted {result.MaxDrift:F2} m under velocity commands");
        Assert.Contains(result.Checks, c => c.Name == "tracks the commanded speed" && !c.Passed);
    }
}
