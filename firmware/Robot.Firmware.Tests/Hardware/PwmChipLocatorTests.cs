using Robot.Firmware.Hardware;
using Robot.Firmware.Runtime;

namespace Robot.Firmware.Tests.Hardware;

/// <summary>The header's PWM found in fake sysfs trees laid out as a Pi 4's and a Pi 5's kernels lay them out.</summary>
public sealed class PwmChipLocatorTests : IDisposable
{
    readonly string _sys = Directory.CreateTempSubdirectory("sysfs-").FullName;

    public void Dispose() => Directory.Delete(_sys, recursive: true);

    string ClassPwm => Path.Combine(_sys, "class", "pwm");

    /// <summary>devices/DEVICE/pwm/pwmchipN with its npwm, and class/pwm/pwmchipN linking to it (relative, as sysfs does).</summary>
    void Chip(int n, string device, int channels)
    {
        string dir = Path.Combine(_sys, "devices", device, "pwm", $"pwmchip{n}");
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, "npwm"), $"{channels}\n");
        Directory.CreateDirectory(ClassPwm);
        Directory.CreateSymbolicLink(Path.Combine(ClassPwm, $"pwmchip{n}"), Path.Combine("..", "..", "devices", device, "pwm", $"pwmchip{n}"));
    }

    void Pi4() => Chip(0, "platform/soc/fe20c000.pwm", 2);

    void Pi5() // kernel 6.6: the fan's controller took pwmchip0
    {
        Chip(0, "platform/axi/107d517a80.pwm", 3);
        Chip(2, "platform/axi/1000120000.pcie/1f00098000.pwm", 4);
    }

    [Fact]
    public void OnAPi4TheHeaderPwmIsChip0()
    {
        Pi4();
        var choice = PwmChipLocator.Resolve(ClassPwm, null, 0);
        Assert.Equal(0, choice.Chip);
        Assert.Contains("Raspberry Pi 4", choice.Description);
    }

    [Fact]
    public void OnAPi5TheHeaderPwmIsFoundByItsNodeNotChip0()
    {
        Pi5();
        var choice = PwmChipLocator.Resolve(ClassPwm, null, 2);
        Assert.Equal(2, choice.Chip);
        Assert.Contains("1f00098000.pwm", choice.Description);
        // Chip 0 exists but is the fan's: said so at start, not discovered by a failed direction pulse.
        Assert.Contains("not a known header PWM", PwmChipLocator.Resolve(ClassPwm, 0, 0).Description);
    }

    [Fact]
    public void WhatCannotBeUsedIsRefusedNamingWhatIsThere()
    {
        Assert.Contains("no PWM chips at all", Assert.Throws<StartupException>(() => PwmChipLocator.Resolve(ClassPwm, null, 0)).Message);
        Pi5();
        Assert.Contains("pwmchip0 = 107d517a80.pwm", Assert.Throws<StartupException>(() => PwmChipLocator.Resolve(ClassPwm, 5, 0)).Message);
        Assert.Contains("has 4 channels", Assert.Throws<StartupException>(() => PwmChipLocator.Resolve(ClassPwm, null, 4)).Message);
        Directory.Delete(Path.Combine(ClassPwm, "pwmchip2"));
        Assert.Contains("dtoverlay=pwm,pin=12,func=4", Assert.Throws<StartupException>(() => PwmChipLocator.Resolve(ClassPwm, null, 0)).Message);
    }
}
