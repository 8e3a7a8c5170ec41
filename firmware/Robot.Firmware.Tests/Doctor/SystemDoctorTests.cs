using Robot.Firmware.Configuration;
using Robot.Firmware.Doctor;
using Robot.Firmware.Testing;

namespace Robot.Firmware.Tests.Doctor;

/// <summary>doctor's system checks on fake Pi trees: a good Pi 4 and Pi 5 pass; each thing a fresh image lacks fails by name, with its fix.</summary>
public sealed class SystemDoctorTests : IDisposable
{
    readonly FakePiRoot _pi = new();
    static readonly RobotConfig Config = new();

    public void Dispose() => _pi.Dispose();

    /// <summary>A Raspberry Pi OS image set up as docs/deploy.md says, installed by install.sh, for user pi.</summary>
    FakePiRoot Good(bool pi5 = false)
    {
        _pi.I2c(1, 400_000)
            .Write("/etc/group", "root:x:0:\ngpio:x:997:pi\ni2c:x:998:pi\n")
            .Write("/proc/self/status", "Name:\tdotnet\nCapEff:\t0000000000000000\n")
            .Write("/proc/self/limits", "Limit                     Soft Limit           Hard Limit           Units\nMax realtime priority     0                    0\n")
            .Write(SystemDoctor.UnitFile, "[Service]\nUser=pi\nAmbientCapabilities=CAP_SYS_NICE\n")
            .Write("/proc/device-tree/model", pi5 ? "Raspberry Pi 5 Model B Rev 1.0\0" : "Raspberry Pi 4 Model B Rev 1.4\0");
        if (pi5) _pi.Pi5Pwm().Write("/usr/lib/aarch64-linux-gnu/libgpiod.so.2", "");
        else _pi.Pi4Pwm();
        return _pi;
    }

    IReadOnlyList<DoctorFinding> Check(string user = "pi", RobotConfig? config = null) => SystemDoctor.Check(config ?? Config, _pi.Root, user);

    static DoctorFinding Only(IReadOnlyList<DoctorFinding> findings)
    {
        var failed = findings.Where(f => !f.Ok).ToList();
        Assert.True(failed.Count == 1, "expected one failure: " + string.Join("; ", failed.Select(f => $"{f.Check}: {f.Detail}")));
        Assert.False(string.IsNullOrEmpty(failed[0].Fix));
        return failed[0];
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void AGoodPiPassesEveryCheck(bool pi5)
    {
        Good(pi5);
        var findings = Check();
        Assert.All(findings, f => Assert.True(f.Ok, $"{f.Check}: {f.Detail}"));
        Assert.Contains(findings, f => f.Check == "PWM" && f.Detail.Contains(pi5 ? "Raspberry Pi 5" : "Raspberry Pi 4"));
        Assert.Equal(pi5, findings.Any(f => f.Check == "libgpiod"));
    }

    [Fact]
    public void I2cNotEnabled()
    {
        Good();
        File.Delete(_pi.Under("/dev/i2c-1"));
        Directory.Delete(_pi.Under("/sys/class/i2c-adapter"), recursive: true);
        var findings = Check();
        Assert.Contains("do_i2c 0", findings.Single(f => f.Check == "I2C bus").Fix);
        Assert.False(findings.Single(f => f.Check == "I2C clock").Ok);
    }

    [Fact]
    public void I2cAtTheDefault100Kilohertz()
    {
        Good().I2c(1, 100_000);
        var f = Only(Check());
        Assert.Equal("I2C clock", f.Check);
        Assert.Contains("100 kHz", f.Detail);
        Assert.Contains("dtparam=i2c_arm_baudrate=400000", f.Fix);
    }

    [Fact]
    public void NoPwmOverlay()
    {
        Good();
        Directory.Delete(_pi.ClassPwm, recursive: true);
        var f = Only(Check());
        Assert.Equal("PWM", f.Check);
        Assert.Contains("dtoverlay=pwm,pin=12,func=4", f.Detail + f.Fix);
    }

    [Fact]
    public void APi5ChipZeroConfiguredIsTheFansAndSaidSo()
    {
        Good(pi5: true);
        var pwm = Check(config: new RobotConfig { Motor = new() { PwmChip = 0 } }).Single(f => f.Check == "PWM");
        Assert.Contains("not a known header PWM", pwm.Detail);
    }

    [Theory]
    [InlineData("i2c")]
    [InlineData("gpio")]
    public void TheServiceUserOutsideAGroup(string group)
    {
        Good().Write("/etc/group", group == "i2c" ? "gpio:x:997:pi\ni2c:x:998:\n" : "gpio:x:997:other\ni2c:x:998:pi\n");
        var f = Only(Check());
        Assert.Equal($"group {group}", f.Check);
        Assert.Equal($"sudo usermod -aG {group} pi, then log in again", f.Fix);
    }

    [Fact]
    public void NoRealTimeWithoutTheUnitOrACapability()
    {
        Good();
        File.Delete(_pi.Under(SystemDoctor.UnitFile));
        var f = Only(Check());
        Assert.Equal("real-time", f.Check);
        Assert.Contains("RLIMIT_RTPRIO 0", f.Detail);
        // Either grant is enough: CAP_SYS_NICE (bit 23) on the process, or a real-time limit above the watchdog's priority.
        _pi.Write("/proc/self/status", "CapEff:\t0000000000800000\n");
        Assert.All(Check(), x => Assert.True(x.Ok, x.Detail));
        _pi.Write("/proc/self/status", "CapEff:\t0\n").Write("/proc/self/limits", "Max realtime priority     81                   81\n");
        Assert.All(Check(), x => Assert.True(x.Ok, x.Detail));
        // Enough for the loop and its timer, not for the cut's priority: said, not failed (the heartbeat bounds the cut).
        Assert.Contains("signals reach the cut at normal priority", Check().Single(x => x.Check == "real-time").Detail);
        _pi.Write("/proc/self/limits", "Max realtime priority     99                   99\n");
        Assert.DoesNotContain("normal priority", Check().Single(x => x.Check == "real-time").Detail);
    }

    [Fact]
    public void APi5WithoutLibgpiod()
    {
        Good(pi5: true);
        File.Delete(_pi.Under("/usr/lib/aarch64-linux-gnu/libgpiod.so.2"));
        var f = Only(Check());
        Assert.Equal("libgpiod", f.Check);
        Assert.Equal("sudo apt install libgpiod2", f.Fix);
    }
}
