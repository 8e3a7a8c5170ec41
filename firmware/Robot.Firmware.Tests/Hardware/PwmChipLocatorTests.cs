using Robot.Firmware.Hardware;
using Robot.Firmware.Runtime;
using Robot.Firmware.Testing;

namespace Robot.Firmware.Tests.Hardware;

/// <summary>The header's PWM found in fake sysfs trees laid out as a Pi 4's and a Pi 5's kernels lay them out.</summary>
public sealed class PwmChipLocatorTests : IDisposable
{
    readonly FakePiRoot _pi = new();

    public void Dispose() => _pi.Dispose();

    string ClassPwm => _pi.ClassPwm;

    void Pi4() => _pi.Pi4Pwm();

    void Pi5() => _pi.Pi5Pwm();

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
