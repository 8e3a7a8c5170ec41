using Robot.Hil.Running;
using Robot.Hil.Scenarios;
using Robot.Policy;

namespace Robot.Hil.Tests;

/// <summary>
/// The firmware on the simulated robot in real time. scripts/test.sh runs these apart from the rest
/// (a training test beside them would take their cores), and one at a time with the browser tests
/// (the Processes collection): Chromium drawing plots beside a 2.5 s run would make its loop late.
/// </summary>
[Trait("Category", "RealTime")]
[Collection("Processes")]
public class WallClockTests
{
    [Fact]
    public void TheRealTimeModeRunsTheSameFirmwareOnTheWallClock()
    {
        // Only what holds on a loaded CI machine too: the pace, every tick, arming. Timing figures are benchmarks (docs/benchmarks.md).
        // The loop thread on SCHED_FIFO as robot.json has it on the robot (where the process may not
        // raise it, normal scheduling): at 200 Hz the rig's busy-waited bus time leaves it idle most
        // of each period, and another process on a 2-core machine cannot take its core for 50 ms.
        var nominal = ScenarioFile.Load(Path.Combine(HilPaths.Scenarios, "nominal-60s.json"));
        var scenario = nominal.WithRobot(new() { ["loop"] = new System.Text.Json.Nodes.JsonObject { ["priority"] = new Robot.Firmware.Configuration.RobotConfig().Loop.Priority } }) with { Duration = 4 };
        // Warm first, in simulated time: in a fresh test process the first real-time ticks would also
        // be the JIT compiler's, and a cold start late by 60 ms trips the IMU-stale check while arming.
        HilRunner.Run(scenario with { Duration = 2 }, PolicyFile.Load(HilPaths.TrainedPolicy));
        var result = HilRunner.Run(scenario, PolicyFile.Load(HilPaths.TrainedPolicy), realTime: true);
        Assert.True(result.WallSeconds >= 3.95, $"4 s of real time took {result.WallSeconds:F2} s of wall time");
        Assert.Equal(800, result.Telemetry.Count);
        string states = string.Join(", ", result.Telemetry.Where((r, i) => i == 0 || r.State != result.Telemetry[i - 1].State).Select(r => $"{r.State} at {r.Time:F2} s"));
        Assert.True(result.Telemetry.Any(r => r.State == Robot.Firmware.Safety.SupervisorState.Running),
            $"never running: {states}; faults {string.Join(", ", result.Faults)} {result.FaultDetail}; lateness p99 {result.LatenessP99:F0} us, max {result.LatenessMax:F0} us, {result.Overruns} overruns");
        Assert.True(result.MaxDuty <= result.DutyLimit);
    }
}
