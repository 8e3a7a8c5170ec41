using System.Diagnostics;
using System.Text.Json;

namespace Robot.Trainer.Tests.Cli;

/// <summary>The command line as a user meets it: a separate process, its exit code, its output.</summary>
[Collection(TorchCollection.Name)]
public class TrainerCliTests : IDisposable
{
    readonly TempFolder _temp = new("robot-cli-");

    public void Dispose() => _temp.Dispose();

    /// <summary>robot-trainer in a process of its own: its exit code, stdout and stderr.</summary>
    internal static (int Code, string Out, string Err) Run(params string[] args)
    {
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        psi.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "robot-trainer.dll"));
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        Assert.True(p.WaitForExit(120_000), "robot-trainer did not finish");
        return (p.ExitCode, stdout.Result, stderr.Result);
    }

    [Theory]
    [InlineData("train", "--algo", "dqn", "--out", "x")]
    [InlineData("train", "--env", "pong", "--out", "x")]
    [InlineData("train", "--algo", "ppo")]
    [InlineData("train", "--algo", "ppo", "--out", "x", "--steps", "0")]
    [InlineData("train", "--algo", "ppo", "--out", "x", "--set", "gamma=7")]
    [InlineData("train", "--algo", "ppo", "--out", "x", "--set", "no_such_setting=1")]
    [InlineData("train", "--algo", "ppo", "--out", "x", "--set", "advantage_std_floor=-1")]
    [InlineData("eval", "--policy", "/nonexistent/run")]
    [InlineData("trian", "--algo", "ppo")]
    [InlineData("eval")]
    public void BadArgumentsFailWithoutAStackTrace(params string[] args)
    {
        var (code, _, err) = Run(args);
        Assert.Equal(Robot.Cli.ExitCode.BadInput, code);
        Assert.False(string.IsNullOrWhiteSpace(err), "expected an error message");
        Assert.Single(err.Trim().Split('\n'));
        Assert.StartsWith("error: ", err);
        Assert.DoesNotContain("   at ", err);
        Assert.DoesNotContain("Exception", err);
    }

    [Theory]
    [InlineData("not,a,firmware,log\n1,2,3,4\n", "no 'tick' column")]
    [InlineData("", "empty")]
    public void SysidRefusesWhatIsNotAnIdentificationLogAndWritesNothing(string content, string expected)
    {
        Directory.CreateDirectory(_temp.Root);
        string log = Path.Combine(_temp.Root, "log.csv"), plant = Path.Combine(_temp.Root, "robot-plant.json");
        File.WriteAllText(log, content);
        var (code, _, err) = Run("sysid", "--data", log, "--start", Measured(), "--out", plant);
        Assert.Equal(Robot.Cli.ExitCode.BadInput, code);
        Assert.Single(err.Trim().Split('\n'));
        Assert.Contains(expected, err);
        Assert.False(File.Exists(plant));
        Assert.False(Directory.Exists(Path.Combine(_temp.Root, "robot-plant-report")));
    }

    [Fact]
    public void SysidNeverOverwritesAPlantFile()
    {
        Directory.CreateDirectory(_temp.Root);
        string plant = Path.Combine(_temp.Root, "robot-plant.json");
        File.WriteAllText(plant, "keep me");
        var (code, _, err) = Run("sysid", "--data", Path.Combine(_temp.Root, "missing.csv"), "--start", Measured(), "--out", plant);
        Assert.Equal(Robot.Cli.ExitCode.BadInput, code);
        Assert.Contains("--out", err);
        Assert.Equal("keep me", File.ReadAllText(plant));
    }

    /// <summary>A start file with what an owner measures by hand.</summary>
    string Measured(string parameters = "\"body_mass\":0.9,\"wheel_mass\":0.2,\"wheel_radius\":0.06")
    {
        Directory.CreateDirectory(_temp.Root);
        string path = Path.Combine(_temp.Root, "measured-" + Guid.NewGuid().ToString("N") + ".json");
        File.WriteAllText(path, $"{{\"format\":\"robot-plant/1\",\"parameters\":{{{parameters}}}}}");
        return path;
    }

    [Fact]
    public void SysidRefusesToGuessTheBodysMass()
    {
        string log = Path.Combine(_temp.Root, "log.csv");
        var (code, _, err) = Run("sysid", "--data", log, "--out", Path.Combine(_temp.Root, "p.json"));
        Assert.Equal(Robot.Cli.ExitCode.BadInput, code);
        Assert.Contains("--start", err);
    }

    [Theory]
    [InlineData("\"wheel_mass\":0.2,\"wheel_radius\":0.06", "\"body_mass\" (weigh the robot without its wheel")]
    [InlineData("\"body_mass\":0.9", "\"wheel_mass\"")]
    [InlineData("\"body_mass\":0.9,\"wheel_mass\":0.2", "\"wheel_radius\" (half the tyre's outer diameter")]
    public void SysidAsksForEachMeasurementByName(string parameters, string expected)
    {
        string plant = Path.Combine(_temp.Root, "robot-plant.json");
        var (code, _, err) = Run("sysid", "--data", Path.Combine(_temp.Root, "any.csv"), "--start", Measured(parameters), "--out", plant);
        Assert.Equal(Robot.Cli.ExitCode.BadInput, code);
        Assert.Single(err.Trim().Split('\n'));
        Assert.Contains(expected, err);
        Assert.False(File.Exists(plant));
    }

    [Fact]
    public void APlantFileMakesTheUniwheelTheEnvAndItsLqrTheLqrForIt()
    {
        // A heavy, tall robot on a weak motor: the built-in robot's LQR asks far too little of the motor.
        string plant = Measured("\"body_mass\":2.0,\"body_com_height\":0.15,\"body_inertia\":0.012,\"torque_constant\":0.18,\"back_emf_constant\":0.18,\"resistance\":3.5");
        var (code, stdout, err) = Run("eval", "--policy", "lqr", "--plant", plant, "--episodes", "20", "--json", "--beside-lqr");
        Assert.True(code == 0, err);
        using var json = JsonDocument.Parse(stdout);
        var root = json.RootElement;
        Assert.Equal("uniwheel", root.GetProperty("env").GetString());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("parameter_spread").ValueKind); // the plant file's ranges, not a spread
        double forIt = root.GetProperty("result").GetProperty("success_rate").GetDouble();
        Assert.True(forIt >= 0.8, stdout);
        // --beside-lqr runs the LQR for the same plant on the same episodes: here the same figures.
        Assert.Equal(forIt, root.GetProperty("lqr").GetProperty("success_rate").GetDouble());

        // The LQR made for the built-in robot, on the same episodes, does not hold it.
        string builtIn = Path.Combine(_temp.Root, "lqr-built-in.rpol");
        Robot.Policy.PolicyFile.Save(builtIn, Robot.Trainer.Export.LqrPolicyFile.Create(new Robot.Dynamics.Plant.UniwheelParameters()));
        var (code2, stdout2, err2) = Run("eval", "--policy", builtIn, "--plant", plant, "--episodes", "20", "--json");
        Assert.True(code2 == 0, err2);
        using var json2 = JsonDocument.Parse(stdout2);
        Assert.True(json2.RootElement.GetProperty("result").GetProperty("success_rate").GetDouble() < forIt - 0.5, stdout2);
    }

    [Theory]
    [InlineData("rollout_inference=tensorrt")]
    [InlineData("advantage_std_floor=-1")]
    [InlineData("policy_hidden=[0]")]
    public void ARefusedSettingLeavesNoRunFolderBehind(string setting)
    {
        string dir = Path.Combine(_temp.Root, "refused-" + setting.Split('=')[0]);
        var (code, _, err) = Run("train", "--env", "uniwheel", "--algo", "ppo", "--out", dir, "--set", setting);
        Assert.Equal(Robot.Cli.ExitCode.BadInput, code);
        Assert.Single(err.Trim().Split('\n'));
        Assert.Contains(setting.Split('=')[0], err);
        Assert.False(Directory.Exists(dir), "a refused run must not leave a folder behind");
    }

    [Theory]
    [InlineData("--algo", "trpo")]
    [InlineData("--env", "uniwheel")]
    [InlineData("--set", "gamma=0.9")]
    [InlineData("--seed", "3")]
    public void ResumeRefusesAnOptionItWouldIgnore(string option, string value)
    {
        var (code, _, err) = Run("train", "--resume", Path.Combine(_temp.Root, "any"), option, value);
        Assert.Equal(Robot.Cli.ExitCode.BadInput, code);
        Assert.Single(err.Trim().Split('\n'));
        Assert.Contains(option, err);
        Assert.Contains("ignored", err);
    }

    [Fact]
    public async Task SigtermEndsTrainingLikeCtrlCWithACheckpoint()
    {
        string dir = Path.Combine(_temp.Root, "sigterm");
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        psi.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "robot-trainer.dll"));
        foreach (var a in new[] { "train", "--algo", "a2c", "--steps", "10000000", "--out", dir, "--quiet" }) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        var wait = Stopwatch.StartNew();
        while (!File.Exists(Path.Combine(dir, "progress.csv")) || File.ReadLines(Path.Combine(dir, "progress.csv")).Count() < 3)
        {
            Assert.True(wait.Elapsed < TimeSpan.FromSeconds(60) && !p.HasExited, "training did not start");
            await Task.Delay(100);
        }
        Assert.Equal(0, kill(p.Id, 15));
        Assert.True(p.WaitForExit(60_000), "robot-trainer did not stop on SIGTERM");
        Assert.Equal(0, p.ExitCode);
        Assert.Contains("Interrupted", await stdout);
        await stderr;
        Assert.True(Robot.Trainer.Training.Checkpoint.ReadState(dir).Updates >= 2);
    }

    [System.Runtime.InteropServices.DllImport("libc")]
    static extern int kill(int pid, int signal);

    [Fact]
    public void EvalRefusesAPolicyFileMadeForAnotherEnv()
    {
        string file = Path.Combine(_temp.Root, "lqr.rpol");
        Directory.CreateDirectory(_temp.Root);
        Robot.Policy.PolicyFile.Save(file, Robot.Trainer.Export.LqrPolicyFile.Create(new Robot.Dynamics.Plant.UniwheelParameters()));
        var (code, _, err) = Run("eval", "--env", "cartpole", "--policy", file);
        Assert.Equal(Robot.Cli.ExitCode.BadInput, code);
        Assert.Single(err.Trim().Split('\n'));
        Assert.Contains("cartpole", err, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void ResumeOfAFolderWithoutCheckpointNamesTheProblemInOneLine()
    {
        var (code, _, err) = Run("train", "--resume", Path.Combine(_temp.Root, "missing"));
        Assert.Equal(Robot.Cli.ExitCode.BadInput, code);
        Assert.Single(err.Trim().Split('\n'));
        Assert.Contains("no checkpoint", err);
    }

    [Fact]
    public void HelpExplainsEveryTrainOption()
    {
        var (code, output, _) = Run("train", "--help");
        Assert.Equal(0, code);
        foreach (var option in new[] { "--env", "--algo", "--seed", "--steps", "--out", "--resume", "--set" })
            Assert.Contains(option, output);
    }

    [Fact]
    public void TrainThenEvalReportsTheResult()
    {
        string dir = Path.Combine(_temp.Root, "run");
        var (code, output, err) = Run("train", "--env", "cartpole", "--algo", "ppo", "--seed", "2", "--steps", "2048", "--out", dir, "--quiet");
        Assert.True(code == 0, err);
        Assert.Contains(Path.GetFullPath(dir), output);
        Assert.True(File.Exists(Path.Combine(dir, "summary.json")));

        var (again, _, againErr) = Run("train", "--algo", "ppo", "--out", dir, "--quiet");
        Assert.NotEqual(0, again);
        Assert.Contains("--resume", againErr);

        var (evalCode, json, evalErr) = Run("eval", "--env", "cartpole", "--policy", dir, "--episodes", "5", "--seed", "1", "--json");
        Assert.True(evalCode == 0, evalErr);
        using var doc = JsonDocument.Parse(json);
        Assert.Equal(5, doc.RootElement.GetProperty("episodes").GetInt32());
        Assert.True(doc.RootElement.GetProperty("mean_return").GetDouble() > 0);
        Assert.True(doc.RootElement.TryGetProperty("std_length", out _));

        var (randomCode, text, _) = Run("eval", "--policy", "random", "--episodes", "50");
        Assert.Equal(0, randomCode);
        Assert.Contains("random on cartpole: return", text);
    }
}
