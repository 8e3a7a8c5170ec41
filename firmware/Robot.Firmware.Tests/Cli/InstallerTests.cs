using System.Diagnostics;

namespace Robot.Firmware.Tests.Cli;

/// <summary>firmware/deploy/install.sh into a temporary root (--prefix), checked file by file.</summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")] // a bash script for the Pi
public sealed class InstallerTests : IDisposable
{
    readonly string _dir = Directory.CreateTempSubdirectory("install-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    static string Script()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
            if (File.Exists(Path.Combine(d.FullName, "Robot.sln"))) return Path.Combine(d.FullName, "firmware", "deploy", "install.sh");
        throw new InvalidOperationException("no Robot.sln above the test binaries");
    }

    (int Code, string Out, string Err) Install(params string[] args)
    {
        var psi = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
        psi.ArgumentList.Add(Script());
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        string err = p.StandardError.ReadToEnd();
        p.WaitForExit();
        return (p.ExitCode, stdout.Result, err);
    }

    /// <summary>What dotnet publish leaves in out/firmware: the executable and its libraries.</summary>
    string Published()
    {
        string from = Path.Combine(_dir, "out", "firmware");
        Directory.CreateDirectory(Path.Combine(from, "wwwroot"));
        File.WriteAllText(Path.Combine(from, "robot-firmware"), "#!/bin/sh\n");
        File.SetUnixFileMode(Path.Combine(from, "robot-firmware"), (UnixFileMode)0b111_101_101);
        File.WriteAllText(Path.Combine(from, "libSystem.Native.so"), "lib");
        File.WriteAllText(Path.Combine(from, "wwwroot", "index.html"), "<html>");
        return from;
    }

    string Write(string name, string text)
    {
        string path = Path.Combine(_dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void InstallsEveryFileWhereTheUnitLooksAndKeepsACalibratedConfig()
    {
        string root = Path.Combine(_dir, "root"), from = Published();
        string policy = Write("policy.rpol", "RPOL-bytes"), config = Write("robot.json", "{ \"i2c\": { \"bus\": 1 } }");
        var (code, stdout, err) = Install("--from", from, "--policy", policy, "--config", config, "--user", "robo", "--prefix", root);
        Assert.True(code == 0, err);

        string dest = Path.Combine(root, "opt", "uniwheel");
        Assert.True(File.GetUnixFileMode(Path.Combine(dest, "robot-firmware")).HasFlag(UnixFileMode.UserExecute));
        Assert.Equal("lib", File.ReadAllText(Path.Combine(dest, "libSystem.Native.so")));
        Assert.Equal("<html>", File.ReadAllText(Path.Combine(dest, "wwwroot", "index.html")));
        Assert.False(Directory.Exists(Path.Combine(dest, "firmware")), "the published folder was nested one level down");
        Assert.Equal("RPOL-bytes", File.ReadAllText(Path.Combine(dest, "policy.rpol")));
        Assert.Equal("{ \"i2c\": { \"bus\": 1 } }", File.ReadAllText(Path.Combine(dest, "robot.json")));
        string unit = File.ReadAllText(Path.Combine(root, "etc", "systemd", "system", "uniwheel.service"));
        Assert.Contains("User=robo\n", unit);
        Assert.DoesNotContain("@USER@", unit);
        // Every path the unit names is one the installer wrote.
        foreach (var path in new[] { "/opt/uniwheel/robot-firmware", "/opt/uniwheel/policy.rpol", "/opt/uniwheel/robot.json" })
        {
            Assert.Contains(path, unit);
            Assert.True(File.Exists(root + path), path);
        }
        Assert.Contains("doctor --config /opt/uniwheel/robot.json", stdout.Replace(root, ""));
        // The station's unit: the same user, no capabilities, the robot's socket where the robot's unit puts it.
        string station = File.ReadAllText(Path.Combine(root, "etc", "systemd", "system", "uniwheel-station.service"));
        Assert.Contains("User=robo\n", station);
        Assert.DoesNotContain("Capabilities", station);
        Assert.Contains("RuntimeDirectory=uniwheel\n", unit);
        Assert.Contains("KillSignal=SIGHUP\n", unit); // the signal whose handler reaches the cut soonest (docs/safety.md)
        Assert.Contains("--station-socket /run/uniwheel/station.sock", unit);
        Assert.Contains("station --robot /run/uniwheel/station.sock", station);

        // Again with a new robot.json: the installed one holds the calibration and is kept.
        File.WriteAllText(Path.Combine(dest, "robot.json"), "{ \"imu\": { \"gyro_bias_counts\": 12 } }");
        string newer = Write("robot2.json", "{ \"motor\": { \"duty_limit\": 0.6 } }");
        (code, stdout, err) = Install("--from", from, "--policy", policy, "--config", newer, "--user", "robo", "--prefix", root);
        Assert.True(code == 0, err);
        Assert.Contains("gyro_bias_counts", File.ReadAllText(Path.Combine(dest, "robot.json")));
        Assert.Contains("duty_limit", File.ReadAllText(Path.Combine(dest, "robot.json.new")));
        Assert.Contains("kept", stdout);
    }

    [Theory]
    [InlineData("from", "--from must name the published folder")]
    [InlineData("policy", "--policy: no policy file")]
    [InlineData("unknown", "unknown argument '--fast'")]
    public void BadArgumentsAreOneLineAndExit2(string wrong, string message)
    {
        string root = Path.Combine(_dir, "root");
        string from = wrong == "from" ? Path.Combine(_dir, "nothing") : Published();
        string policy = wrong == "policy" ? Path.Combine(_dir, "missing.rpol") : Write("policy.rpol", "p");
        string[] extra = wrong == "unknown" ? ["--fast"] : [];
        var (code, _, err) = Install(["--from", from, "--policy", policy, "--config", Write("robot.json", "{}"), "--prefix", root, .. extra]);
        Assert.Equal(2, code);
        Assert.Contains(message, err);
        Assert.Single(err.Trim().Split('\n'));
        Assert.False(Directory.Exists(Path.Combine(root, "opt")), "a refused install wrote files");
    }
}
