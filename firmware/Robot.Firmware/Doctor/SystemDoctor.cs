using System.Buffers.Binary;
using Robot.Firmware.Configuration;
using Robot.Firmware.Hardware;
using Robot.Firmware.Runtime;

namespace Robot.Firmware.Doctor;

/// <summary>
/// What the Pi's system must give the firmware before any device is opened, read from its files
/// under <c>root</c> ("/" on the robot; a fake tree in the tests): the I2C bus and its clock, the
/// header's PWM chip, the service user's groups, real-time scheduling, and libgpiod on a Pi 5.
/// </summary>
public static class SystemDoctor
{
    /// <summary>The bus clock the loop's I2C time budget assumes, Hz (docs/deploy.md, "Enable I2C and PWM").</summary>
    public const int I2cClockHz = 400_000;
    public const string ConfigTxt = "/boot/firmware/config.txt";
    /// <summary>Where the installer puts the unit (firmware/deploy/install.sh).</summary>
    public const string UnitFile = "/etc/systemd/system/uniwheel.service";

    public static IReadOnlyList<DoctorFinding> Check(RobotConfig config, string root, string user)
    {
        var findings = new List<DoctorFinding>
        {
            I2cBus(config.I2c.Bus, root),
            I2cClock(config.I2c.Bus, root),
            Pwm(config, root),
            Group(root, user, "i2c", "/dev/i2c-*"),
            Group(root, user, "gpio", "the GPIO character device and /sys/class/pwm"),
            RealTime(config.Loop.Priority, root),
        };
        if (Model(root) is string model && model.Contains("Raspberry Pi 5", StringComparison.Ordinal)) findings.Add(Libgpiod(root));
        return findings;
    }

    static string Under(string root, string path) => Path.Combine(root, path.TrimStart('/'));

    static DoctorFinding I2cBus(int bus, string root) =>
        File.Exists(Under(root, $"/dev/i2c-{bus}")) || Directory.Exists(Under(root, $"/sys/class/i2c-adapter/i2c-{bus}"))
            ? DoctorFinding.Pass("I2C bus", $"/dev/i2c-{bus} is there")
            : DoctorFinding.Fail("I2C bus", $"no /dev/i2c-{bus}: I2C is not enabled",
                "sudo raspi-config nonint do_i2c 0, then reboot");

    static DoctorFinding I2cClock(int bus, string root)
    {
        string path = Under(root, $"/sys/class/i2c-adapter/i2c-{bus}/of_node/clock-frequency");
        byte[] cell;
        try { cell = File.ReadAllBytes(path); }
        catch (IOException) { return DoctorFinding.Fail("I2C clock", $"cannot read the bus clock of i2c-{bus}", $"add dtparam=i2c_arm_baudrate={I2cClockHz} to {ConfigTxt}, then reboot"); }
        catch (UnauthorizedAccessException) { return DoctorFinding.Fail("I2C clock", $"cannot read the bus clock of i2c-{bus}", $"run doctor as a user that can read {path}"); }
        if (cell.Length < 4) return DoctorFinding.Fail("I2C clock", "the device tree's clock-frequency is not a 32-bit cell", $"add dtparam=i2c_arm_baudrate={I2cClockHz} to {ConfigTxt}");
        uint hz = BinaryPrimitives.ReadUInt32BigEndian(cell); // device-tree cells are big-endian
        return hz >= I2cClockHz
            ? DoctorFinding.Pass("I2C clock", $"{hz / 1000} kHz")
            : DoctorFinding.Fail("I2C clock", $"{hz / 1000} kHz, below the {I2cClockHz / 1000} kHz the loop's bus time assumes",
                $"add dtparam=i2c_arm_baudrate={I2cClockHz} to {ConfigTxt}, then reboot");
    }

    static DoctorFinding Pwm(RobotConfig config, string root)
    {
        try
        {
            var choice = PwmChipLocator.Resolve(Under(root, PwmChipLocator.SysClassPwm), config.Motor.PwmChip, config.Motor.PwmChannel);
            return DoctorFinding.Pass("PWM", choice.Description);
        }
        catch (StartupException e)
        {
            return DoctorFinding.Fail("PWM", e.Message, "docs/deploy.md, \"Enable I2C and PWM on the Pi\"; leave motor.pwm_chip out of robot.json unless you know better");
        }
    }

    static DoctorFinding Group(string root, string user, string group, string what)
    {
        if (user == "root") return DoctorFinding.Pass($"group {group}", "root needs none");
        string[] lines;
        try { lines = File.ReadAllLines(Under(root, "/etc/group")); }
        catch (IOException) { return DoctorFinding.Fail($"group {group}", "cannot read /etc/group", "check the system's user database"); }
        var entry = lines.Select(l => l.Split(':')).FirstOrDefault(f => f.Length >= 4 && f[0] == group);
        if (entry is null) return DoctorFinding.Fail($"group {group}", $"there is no group {group}", $"sudo groupadd {group} (Raspberry Pi OS has it: is this its image?)");
        bool member = entry[3].Split(',', StringSplitOptions.RemoveEmptyEntries).Contains(user);
        return member
            ? DoctorFinding.Pass($"group {group}", $"{user} is in it ({what})")
            : DoctorFinding.Fail($"group {group}", $"{user} is not in group {group}, which owns {what}", $"sudo usermod -aG {group} {user}, then log in again");
    }

    /// <summary>SCHED_FIFO at loop.priority: the installed unit grants CAP_SYS_NICE, or this process may (capability or RLIMIT_RTPRIO).</summary>
    static DoctorFinding RealTime(int priority, string root)
    {
        if (priority <= 0) return DoctorFinding.Pass("real-time", "loop.priority 0: normal scheduling asked for");
        string unit = Under(root, UnitFile);
        if (File.Exists(unit) && File.ReadLines(unit).Any(l => l.Trim().StartsWith("AmbientCapabilities=", StringComparison.Ordinal) && l.Contains("CAP_SYS_NICE", StringComparison.Ordinal)))
            return DoctorFinding.Pass("real-time", $"the service ({UnitFile}) grants CAP_SYS_NICE for SCHED_FIFO {priority}");
        if (HasSysNice(root)) return DoctorFinding.Pass("real-time", $"this process may use SCHED_FIFO {priority} (CAP_SYS_NICE)");
        int? limit = RtprioLimit(root);
        if (limit >= priority + 1) return DoctorFinding.Pass("real-time", $"RLIMIT_RTPRIO {limit} allows SCHED_FIFO {priority} and the watchdog's {priority + 1}" +
            (limit >= Runtime.ProcessGuard.CutPriority ? "" : $"; signals reach the cut at normal priority (its SCHED_FIFO {Runtime.ProcessGuard.CutPriority} needs CAP_SYS_NICE, docs/safety.md)"));
        return DoctorFinding.Fail("real-time", $"neither the service unit nor this process may use SCHED_FIFO {priority} (RLIMIT_RTPRIO {limit?.ToString() ?? "unknown"}): the loop would run at normal priority",
            $"install with firmware/deploy/install.sh (its unit has AmbientCapabilities=CAP_SYS_NICE), or run from a shell with sudo setcap cap_sys_nice+ep on the executable");
    }

    static bool HasSysNice(string root)
    {
        const int CapSysNice = 23; // linux/capability.h
        try
        {
            var line = File.ReadLines(Under(root, "/proc/self/status")).FirstOrDefault(l => l.StartsWith("CapEff:", StringComparison.Ordinal));
            return line is not null && ulong.TryParse(line["CapEff:".Length..].Trim(), System.Globalization.NumberStyles.HexNumber, null, out ulong caps)
                && (caps & (1UL << CapSysNice)) != 0;
        }
        catch (IOException) { return false; }
    }

    static int? RtprioLimit(string root)
    {
        try
        {
            var line = File.ReadLines(Under(root, "/proc/self/limits")).FirstOrDefault(l => l.StartsWith("Max realtime priority", StringComparison.Ordinal));
            var fields = line?["Max realtime priority".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            return fields is { Length: >= 2 } && int.TryParse(fields[1], out int hard) ? hard : null;
        }
        catch (IOException) { return null; }
    }

    static string? Model(string root)
    {
        try { return File.ReadAllText(Under(root, "/proc/device-tree/model")).TrimEnd('\0', '\n'); }
        catch (IOException) { return null; }
        catch (UnauthorizedAccessException) { return null; }
    }

    /// <summary>System.Device.Gpio drives a Pi 5's pins (RP1) through libgpiod: its library must be installed.</summary>
    static DoctorFinding Libgpiod(string root)
    {
        string[] dirs = ["/usr/lib/aarch64-linux-gnu", "/usr/lib", "/lib/aarch64-linux-gnu"];
        var found = dirs.SelectMany(d => new[] { "libgpiod.so.2", "libgpiod.so.3" }.Select(f => d + "/" + f)).FirstOrDefault(p => File.Exists(Under(root, p)));
        return found is not null
            ? DoctorFinding.Pass("libgpiod", $"{found} (a Pi 5's GPIO goes through it)")
            : DoctorFinding.Fail("libgpiod", "a Raspberry Pi 5 without libgpiod: System.Device.Gpio cannot drive its pins", "sudo apt install libgpiod2");
    }
}
