using System.Text.Json.Nodes;
using Robot.Hil.Running;
using Robot.Hil.Scenarios;
using Robot.Policy;

namespace Robot.Hil.Tests;

/// <summary>The committed suite in simulated time, against the committed trained policy and the LQR baseline.</summary>
public class HilSuiteTests
{
    public static TheoryData<string> ScenarioNames()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(HilPaths.Scenarios, "*.json").Order()) data.Add(Path.GetFileNameWithoutExtension(file));
        return data;
    }

    static HilResult Run(string name, string policy) =>
        HilRunner.Run(ScenarioFile.Load(Path.Combine(HilPaths.Scenarios, name + ".json")), PolicyFile.Load(policy));

    [Theory]
    [MemberData(nameof(ScenarioNames))]
    public void TheTrainedPolicyPassesEveryScenario(string scenario)
    {
        var result = Run(scenario, HilPaths.TrainedPolicy);
        Assert.True(result.Passed, string.Join("; ", result.Checks.Where(c => !c.Passed).Select(c => $"{c.Name}: {c.Detail}")));
        Assert.True(result.MaxDuty <= result.DutyLimit);
    }

    /// <summary>docs/deploy.md's robot.json drives at half duty: the suite must hold there too.</summary>
    const double DeployDutyLimit = 0.5;

    [Theory]
    [MemberData(nameof(ScenarioNames))]
    public void TheTrainedPolicyPassesEveryScenarioAtTheDeployConfigsDutyLimit(string scenario)
    {
        var result = HilRunner.Run(ScenarioFile.Load(Path.Combine(HilPaths.Scenarios, scenario + ".json")).AtDutyLimit(DeployDutyLimit), PolicyFile.Load(HilPaths.TrainedPolicy));
        Assert.True(result.Passed, string.Join("; ", result.Checks.Where(c => !c.Passed).Select(c => $"{c.Name}: {c.Detail}")));
    }

    [Theory]
    [InlineData("nominal-60s")]
    [InlineData("pushes")]
    [InlineData("fault-imu-frozen")]
    [InlineData("fault-estop")]
    public void TheLqrBaselineRunsOnTheSameFirmwarePath(string scenario)
    {
        var result = Run(scenario, HilPaths.LqrPolicy);
        Assert.True(result.Passed, string.Join("; ", result.Checks.Where(c => !c.Passed).Select(c => $"{c.Name}: {c.Detail}")));
    }

    [Fact]
    public void FaultScenariosCutTheMotorAndBalancingOnesKeepItRunning()
    {
        // The verdicts must be able to fail: a balancing scenario judged by a fault expectation fails, and vice versa.
        var nominal = ScenarioFile.Load(Path.Combine(HilPaths.Scenarios, "nominal-60s.json")) with { Duration = 5 };
        var policy = PolicyFile.Load(HilPaths.TrainedPolicy);
        var expectingFault = HilRunner.Run(nominal with { Expect = new Expectations { Fault = "imu_frozen", CutWithin = 0.1 }, Pushes = [new Push { Time = 4 }] }, policy);
        Assert.False(expectingFault.Passed);
        var frozen = ScenarioFile.Load(Path.Combine(HilPaths.Scenarios, "fault-imu-frozen.json"));
        var expectingUpright = HilRunner.Run(frozen with { Expect = new Expectations { Upright = true } }, policy);
        Assert.False(expectingUpright.Passed);
        Assert.Equal("imu_frozen", expectingUpright.Fault);
    }

    [Fact]
    public void AFaultThatStartsWhileArmingIsCaughtThere()
    {
        var scenario = ScenarioFile.Load(Path.Combine(HilPaths.Scenarios, "arming", "imu-lost-while-arming.json"));
        var policy = PolicyFile.Load(HilPaths.TrainedPolicy);
        var result = HilRunner.Run(scenario, policy);
        Assert.True(result.Passed, string.Join("; ", result.Checks.Where(c => !c.Passed).Select(c => $"{c.Name}: {c.Detail}")));
        Assert.Contains(result.Checks, c => c.Name == "arming when the trouble began" && c.Passed);
        // The same fault once the robot runs is not one that began while arming: the verdict says so.
        var late = HilRunner.Run(scenario with { Duration = 8, Faults = [scenario.Faults[0] with { Start = 5 }] }, policy);
        Assert.Contains(late.Checks, c => c.Name == "arming when the trouble began" && !c.Passed);
    }

    [Fact]
    public void LockstepRunsAreDeterministic()
    {
        var scenario = ScenarioFile.Load(Path.Combine(HilPaths.Scenarios, "pushes.json")) with { Duration = 8 };
        var policy = PolicyFile.Load(HilPaths.TrainedPolicy);
        var a = HilRunner.Run(scenario, policy);
        var b = HilRunner.Run(scenario, policy);
        Assert.Equal(a.Trace, b.Trace);
        Assert.Equal(a.Telemetry.Select(r => r with { ComputeMicroseconds = 0 }), b.Telemetry.Select(r => r with { ComputeMicroseconds = 0 }));
    }

    [Fact]
    public void TheUntrainedRobotFallsAndTheTiltLimitCutsTheMotor()
    {
        // A policy that does nothing useful: all-zero weights. The rig must see the fall and the firmware must cut the motor.
        var trained = PolicyFile.Load(HilPaths.TrainedPolicy);
        var zero = new PolicyModel(Enumerable.Range(0, trained.ObservationSize).Select(trained.ObservationName).ToArray(), ActionKind.Continuous, 1,
            OutputTransform.Clip, [-1f], [1f], [1f], [0f], new float[5], [1f, 1f, 1f, 1f, 1f], 10f,
            [new DenseLayer(5, 1, Activation.Identity, new float[5], new float[1])], null, null);
        // Falling from upright, the body passes the gyroscope's 250 deg/s before it passes the default 0.5 rad; at a
        // 0.15 rad limit it falls at about 70 deg/s, so the tilt check, and only it, must be what cuts.
        var scenario = ScenarioFile.Load(Path.Combine(HilPaths.Scenarios, "nominal-60s.json")) with { Duration = 5, Robot = new JsonObject { ["limits"] = new JsonObject { ["tilt_limit"] = 0.15 } } };
        var result = HilRunner.Run(scenario, zero);
        Assert.False(result.Passed);
        Assert.Equal("tilt", result.Fault);
        Assert.Equal("Faulted", result.FinalState);
    }
}
