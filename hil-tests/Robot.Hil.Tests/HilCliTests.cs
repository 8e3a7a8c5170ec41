using Robot.Hil.Cli;

namespace Robot.Hil.Tests;

/// <summary>The robot-hil command line, in process: exit codes, one-line errors, the table, the plot.</summary>
[Collection("Console")]
public class HilCliTests : IDisposable
{
    readonly string _dir = Directory.CreateTempSubdirectory("hil-cli-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    static (int Code, string Out, string Error) Invoke(params string[] args)
    {
        var (oldOut, oldError) = (Console.Out, Console.Error);
        var (output, error) = (new StringWriter(), new StringWriter());
        Console.SetOut(output);
        Console.SetError(error);
        try
        {
            return (HilCli.Invoke(args), output.ToString(), error.ToString());
        }
        finally
        {
            Console.SetOut(oldOut);
            Console.SetError(oldError);
        }
    }

    [Fact]
    public void PlotDrawsARobotsTelemetryAndRefusesWhatIsNotOne()
    {
        string log = Path.Combine(_dir, "run.csv"), png = Path.Combine(_dir, "run.png");
        var (code, _, error) = Invoke("run", "--scenario", Path.Combine(HilPaths.Scenarios, "nominal-60s.json"), "--policy", HilPaths.TrainedPolicy,
            "--duration", "4", "--telemetry", log);
        Assert.True(code == 0, error);
        (code, var output, error) = Invoke("plot", log, "--out", png);
        Assert.True(code == 0, error);
        Assert.Contains("800 ticks", output);
        var bytes = File.ReadAllBytes(png);
        Assert.True(bytes.Length > 10_000 && bytes[1] == (byte)'P' && bytes[2] == (byte)'N' && bytes[3] == (byte)'G', "not a PNG");
        Assert.Equal(Robot.Cli.ExitCode.BadInput, Invoke("plot", log, "--out", png).Code); // never over an existing file
        (code, _, error) = Invoke("plot", Path.Combine(HilPaths.Scenarios, "nominal-60s.json"), "--out", Path.Combine(_dir, "x.png"));
        Assert.Equal(Robot.Cli.ExitCode.BadInput, code);
        Assert.Single(error.Trim().Split('\n'));
    }

    [Fact]
    public void AnExperimentThatCannotStartSaysWhy()
    {
        // A 2S pack (7.4 V) under robot.json's 3S default limits.low_battery_voltage: the firmware refuses to start, and says so.
        string robot = Path.Combine(HilPaths.HilRoot, "robots", "edge", "low-battery-2s.json");
        var (code, output, _) = Invoke("identify", "--scenario", Path.Combine(HilPaths.Scenarios, "identify", "motor.json"), "--experiment", "motor",
            "--out", Path.Combine(_dir, "motor.csv"), "--plant", robot);
        Assert.Equal(Robot.Cli.ExitCode.Failed, code);
        Assert.Contains("the firmware did not start: battery at 7.40 V, below limits.low_battery_voltage 9.00 V", output);
        Assert.Contains("6.0 for 2S", output);

        // The user's own robot.json, made for a 2S pack, under the scenario: the experiment runs.
        string config = Path.Combine(_dir, "robot.json");
        new Robot.Firmware.Configuration.RobotConfig { Battery = new() { MonitorAddress = 0x40 } }.WithLimits(("low_battery_voltage", 6.0)).Save(config);
        (code, output, var error) = Invoke("identify", "--scenario", Path.Combine(HilPaths.Scenarios, "identify", "motor.json"), "--experiment", "motor",
            "--out", Path.Combine(_dir, "motor-2s.csv"), "--plant", robot, "--config", config);
        Assert.True(code == 0, output + error);
        Assert.Contains("motor experiment complete", output);
        // Its battery monitor is simulated at its address, and read: the log has the pack's volts.
        Assert.Contains(",7.", File.ReadAllText(Path.Combine(_dir, "motor-2s.csv")));
    }

    [Fact]
    public void ASuiteOfPassingScenariosSaysFitToDeployAndWritesPlots()
    {
        File.Copy(Path.Combine(HilPaths.Scenarios, "fault-estop.json"), Path.Combine(_dir, "fault-estop.json"));
        File.WriteAllText(Path.Combine(_dir, "short.json"), """{ "duration_s": 4, "expect": { "upright": true, "max_tilt_rad": 0.1 } }""");
        string plots = Path.Combine(_dir, "plots");
        var (code, output, _) = Invoke("suite", _dir, "--policy", HilPaths.TrainedPolicy, "--plots", plots);
        Assert.Equal(0, code);
        Assert.Contains("FIT TO DEPLOY", output);
        Assert.Contains("emergency_stop", output);
        Assert.True(new FileInfo(Path.Combine(plots, "short.png")).Length > 10_000);
    }

    [Fact]
    public void AFailingScenarioExitsOneAndSaysWhy()
    {
        string scenario = Path.Combine(_dir, "too-strict.json");
        File.WriteAllText(scenario, """{ "duration_s": 4, "expect": { "upright": true, "max_tilt_rad": 0.0001 } }""");
        var (code, output, _) = Invoke("run", "--policy", HilPaths.TrainedPolicy, "--scenario", scenario);
        Assert.Equal(Robot.Cli.ExitCode.Failed, code);
        Assert.Contains("[FAIL] max tilt", output);
    }

    [Theory]
    [InlineData("""{ "duration_s": 4, "faults": [ { "kind": "gremlins", "start_s": 1 } ] }""", "faults[0].kind")]
    [InlineData("""{ "duration_s": 4, "faults": [ { "kind": "gremlins", "start_s": 1 } ] }""", "imu_nack, imu_timeout")]
    [InlineData("""{ "duration_s": 4, "expect": { "fault": "bad_luck" } }""", "bad_luck")]
    [InlineData("""{ "duration_s": 4, "plant": { "body_mass": -1 } }""", "positive")]
    [InlineData("""{ "duration_s": 4, "colour": "red" }""", "colour")]
    public void ABadScenarioIsOneLineNamingTheProblem(string json, string mention)
    {
        string scenario = Path.Combine(_dir, "bad.json");
        File.WriteAllText(scenario, json);
        var (code, _, error) = Invoke("run", "--policy", HilPaths.TrainedPolicy, "--scenario", scenario);
        Assert.Equal(Robot.Cli.ExitCode.BadInput, code);
        Assert.Contains(mention, error);
        Assert.Single(error.Trim().Split('\n'));
    }

    [Fact]
    public void MissingArgumentsAreAUsageError()
    {
        var (code, _, error) = Invoke("run", "--scenario", "x.json");
        Assert.Equal(Robot.Cli.ExitCode.BadInput, code);
        Assert.Contains("--policy", error);
    }
}
