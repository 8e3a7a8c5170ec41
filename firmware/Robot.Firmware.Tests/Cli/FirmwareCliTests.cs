using Robot.Cli;
using Robot.Firmware.Hardware;
using System.Device.Gpio;
using System.Device.I2c;
using System.Device.Pwm;
using Robot.Firmware.Tests.Support;
using Robot.Dynamics.Plant;
using Robot.Firmware.Cli;
using Robot.Policy;

namespace Robot.Firmware.Tests.Cli;

/// <summary>robot-firmware's refusals happen before any device is touched, as one line and a non-zero exit.</summary>
public class FirmwareCliTests : IDisposable
{
    readonly string _dir = Directory.CreateTempSubdirectory("firmware-cli-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    static (int Code, string Error) Invoke(params string[] args)
    {
        var (oldOut, oldError) = (Console.Out, Console.Error);
        var error = new StringWriter();
        Console.SetOut(new StringWriter());
        Console.SetError(error);
        try
        {
            return (FirmwareCli.Invoke(args, () => new MissingBusHardware()), error.ToString());
        }
        finally
        {
            Console.SetOut(oldOut);
            Console.SetError(oldError);
        }
    }

    string Write(string name, string text)
    {
        string path = Path.Combine(_dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    string LqrPolicyFile(bool corrupt)
    {
        string path = Path.Combine(_dir, corrupt ? "corrupt.rpol" : "lqr.rpol");
        PolicyFile.Save(path, BaselinePolicy.Lqr());
        if (corrupt)
        {
            var bytes = File.ReadAllBytes(path);
            bytes[^9] ^= 0x40;
            File.WriteAllBytes(path, bytes);
        }
        return path;
    }

    [Fact]
    public void ACorruptPolicyIsRefusedWithItsReason()
    {
        var (code, error) = Invoke("run", "--policy", LqrPolicyFile(corrupt: true), "--config", Write("robot.json", "{}"));
        Assert.Equal(ExitCode.BadInput, code);
        Assert.StartsWith("error: policy file refused", error);
        Assert.Single(error.Trim().Split('\n'));
    }

    [Fact]
    public void IdentifyRefusesAnUnknownExperimentAndAnExistingLogBeforeAnyDevice()
    {
        string config = Write("robot.json", "{}");
        var (code, error) = Invoke("identify", "--config", config, "--experiment", "spin", "--out", Path.Combine(_dir, "p.csv"));
        Assert.Equal(ExitCode.BadInput, code);
        Assert.Contains("spin", error);
        string existing = Write("motor.csv", "an earlier log");
        (code, error) = Invoke("identify", "--config", config, "--experiment", "motor", "--out", existing);
        Assert.Equal(ExitCode.BadInput, code);
        Assert.Contains("--out", error);
        Assert.Equal("an earlier log", File.ReadAllText(existing));
        // A good command line reaches the devices (missing here: one line, the I/O exit code) and leaves no log behind.
        (code, _) = Invoke("identify", "--config", config, "--experiment", "motor", "--out", Path.Combine(_dir, "new.csv"));
        Assert.Equal(ExitCode.DeviceOrIo, code);
        Assert.False(File.Exists(Path.Combine(_dir, "new.csv")));
    }

    [Fact]
    public void ABadConfigIsRefusedNamingTheField()
    {
        var (code, error) = Invoke("run", "--policy", LqrPolicyFile(corrupt: false), "--config", Write("robot.json", """{ "motor": { "duty_limit": 3 } }"""));
        Assert.Equal(ExitCode.BadInput, code);
        Assert.Contains("motor.duty_limit", error);
    }

    [Fact]
    public void WithoutTheRobotsDevicesItStopsWithOneLine()
    {
        // Hardware whose I2C bus is missing (as on a machine without /dev/i2c-1): the first device open fails, cleanly.
        var (code, error) = Invoke("run", "--policy", LqrPolicyFile(corrupt: false), "--config", Write("robot.json", "{}"));
        Assert.Equal(ExitCode.DeviceOrIo, code);
        Assert.StartsWith("error:", error);
        Assert.Single(error.Trim().Split('\n'));
    }

    /// <summary>--telemetry never overwrites: an existing file is refused before any device is opened, and left as it was.</summary>
    [Fact]
    public void TelemetryNamingAnExistingFileIsRefusedAndTheFileKept()
    {
        string existing = Write("run.csv", "yesterday's run");
        var (code, error) = Invoke("run", "--policy", LqrPolicyFile(corrupt: false), "--config", Write("robot.json", "{}"), "--telemetry", existing);
        Assert.Equal(ExitCode.BadInput, code);
        Assert.Contains("--telemetry", error);
        Assert.Single(error.Trim().Split('\n'));
        Assert.Equal("yesterday's run", File.ReadAllText(existing));
    }

    [Fact]
    public void AMissingOptionIsAUsageError()
    {
        var (code, error) = Invoke("calibrate");
        Assert.Equal(ExitCode.BadInput, code);
        Assert.Contains("--config", error);
    }

    /// <summary>Devices that are not there: every open fails as the kernel's would. No test reaches a real bus.</summary>
    sealed class MissingBusHardware : IRobotHardware
    {
        public I2cDevice OpenI2c(int bus, int address) => throw new IOException($"no I2C bus {bus} (/dev/i2c-{bus} does not exist)");
        public PwmChannel OpenPwm(int chip, int channel, int frequencyHz) => throw new IOException($"no PWM chip {chip}");
        public GpioController Gpio => throw new IOException("no GPIO chip");
        public void Dispose() { }
    }
}
