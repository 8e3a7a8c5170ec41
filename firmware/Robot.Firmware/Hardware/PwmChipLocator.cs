using Robot.Firmware.Runtime;

namespace Robot.Firmware.Hardware;

/// <summary>A PWM chip the motor will use: its number under /sys/class/pwm and what it is.</summary>
public readonly record struct PwmChoice(int Chip, string Description);

/// <summary>
/// Finds the PWM controller that drives the 40-pin header by its device-tree node, not by a fixed
/// number: the kernel promises no numbering (a Pi 4's header PWM is pwmchip0; on a Pi 5 with kernel
/// 6.6 it is pwmchip2, 1f00098000.pwm, while pwmchip0 is the fan's 107d517a80.pwm, and 6.12 moved
/// them again). Each /sys/class/pwm/pwmchipN links to .../NODE.pwm/pwm/pwmchipN.
/// </summary>
public static class PwmChipLocator
{
    public const string SysClassPwm = "/sys/class/pwm";

    /// <summary>The header's PWM controllers by device-tree node (the SoC's PWM0; the Pi 5's is in its RP1 south bridge).</summary>
    public static readonly (string Node, string What)[] HeaderControllers =
    [
        ("fe20c000.pwm", "the Raspberry Pi 4's header PWM (BCM2711 PWM0)"),
        ("3f20c000.pwm", "the Raspberry Pi 3's header PWM (BCM2837 PWM0)"),
        ("1f00098000.pwm", "the Raspberry Pi 5's header PWM (RP1 PWM0)"),
    ];

    /// <summary>Every pwmchipN under <paramref name="classPwm"/>: its number, its device-tree node and its channel count (0 when unreadable).</summary>
    public static IReadOnlyList<(int Chip, string Node, int Channels)> List(string classPwm)
    {
        var chips = new List<(int, string, int)>();
        if (!Directory.Exists(classPwm)) return chips;
        foreach (var path in Directory.EnumerateFileSystemEntries(classPwm, "pwmchip*"))
        {
            if (!int.TryParse(Path.GetFileName(path)["pwmchip".Length..], out int chip)) continue;
            string device = new DirectoryInfo(path).LinkTarget is string target ? Path.GetFullPath(Path.Combine(classPwm, target)) : path;
            // .../NODE/pwm/pwmchipN: the node is two levels up.
            string node = Path.GetFileName(Path.GetDirectoryName(Path.GetDirectoryName(device)) ?? "") ?? "";
            int channels = int.TryParse(TryRead(Path.Combine(path, "npwm")), out int n) ? n : 0;
            chips.Add((chip, node, channels));
        }
        return chips.OrderBy(c => c.Item1).ToList();
    }

    static string? TryRead(string path)
    {
        try { return File.ReadAllText(path).Trim(); }
        catch (IOException) { return null; }
        catch (UnauthorizedAccessException) { return null; }
    }

    /// <summary>The configured chip (checked to exist), or the header's found by its node; a StartupException naming what is there otherwise.</summary>
    public static PwmChoice Resolve(string classPwm, int? configured, int channel)
    {
        var chips = List(classPwm);
        string found = chips.Count == 0 ? "no PWM chips at all"
            : "found " + string.Join(", ", chips.Select(c => $"pwmchip{c.Chip} = {c.Node} ({c.Channels} channels)"));
        (int Chip, string Node, int Channels) chosen;
        string what;
        if (configured is int wanted)
        {
            chosen = chips.FirstOrDefault(c => c.Chip == wanted);
            if (chosen.Node is null) throw new StartupException($"motor.pwm_chip {wanted}: {classPwm}/pwmchip{wanted} does not exist ({found})");
            what = HeaderControllers.FirstOrDefault(h => h.Node == chosen.Node).What ?? "not a known header PWM: is it the one wired to the driver?";
        }
        else
        {
            var header = chips.Where(c => HeaderControllers.Any(h => h.Node == c.Node)).ToList();
            if (header.Count == 0)
                throw new StartupException($"no header PWM controller under {classPwm} ({found}): enable it (docs/deploy.md: dtoverlay=pwm,pin=12,func=4 in /boot/firmware/config.txt) and reboot, or set motor.pwm_chip");
            chosen = header[0];
            what = HeaderControllers.First(h => h.Node == chosen.Node).What;
        }
        if (chosen.Channels > 0 && channel >= chosen.Channels)
            throw new StartupException($"motor.pwm_channel {channel}: pwmchip{chosen.Chip} ({chosen.Node}) has {chosen.Channels} channels");
        return new PwmChoice(chosen.Chip, $"pwmchip{chosen.Chip} channel {channel}: {chosen.Node}, {what}");
    }
}
