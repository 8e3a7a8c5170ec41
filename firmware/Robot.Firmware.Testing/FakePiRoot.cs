using System.Buffers.Binary;

namespace Robot.Firmware.Testing;

/// <summary>
/// A temporary directory laid out as a Raspberry Pi's system files (/dev, /sys, /proc, /etc) the
/// firmware reads: PWM chips as sysfs links them, the I2C adapter and its device-tree clock, groups,
/// the process's capabilities and limits, the board's model. Deleted on dispose.
/// </summary>
public sealed class FakePiRoot : IDisposable
{
    public string Root { get; } = Directory.CreateTempSubdirectory("fake-pi-").FullName;

    public string ClassPwm => Under("/sys/class/pwm");

    public string Under(string path) => Path.Combine(Root, path.TrimStart('/'));

    public void Dispose() => Directory.Delete(Root, recursive: true);

    public FakePiRoot Write(string path, string text)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Under(path))!);
        File.WriteAllText(Under(path), text);
        return this;
    }

    /// <summary>sys/devices/DEVICE/pwm/pwmchipN with its npwm, and sys/class/pwm/pwmchipN linking to it (relative, as sysfs does).</summary>
    public FakePiRoot PwmChip(int n, string device, int channels)
    {
        Write($"/sys/devices/{device}/pwm/pwmchip{n}/npwm", $"{channels}\n");
        Directory.CreateDirectory(ClassPwm);
        Directory.CreateSymbolicLink(Path.Combine(ClassPwm, $"pwmchip{n}"), Path.Combine("..", "..", "devices", device, "pwm", $"pwmchip{n}"));
        return this;
    }

    public FakePiRoot Pi4Pwm() => PwmChip(0, "platform/soc/fe20c000.pwm", 2);

    /// <summary>Kernel 6.6: the fan's controller took pwmchip0.</summary>
    public FakePiRoot Pi5Pwm() => PwmChip(0, "platform/axi/107d517a80.pwm", 3).PwmChip(2, "platform/axi/1000120000.pcie/1f00098000.pwm", 4);

    /// <summary>/dev/i2c-N and its adapter, whose device-tree clock-frequency is a big-endian 32-bit cell.</summary>
    public FakePiRoot I2c(int bus, uint clockHz)
    {
        Write($"/dev/i2c-{bus}", "");
        var cell = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(cell, clockHz);
        string node = Under($"/sys/class/i2c-adapter/i2c-{bus}/of_node/clock-frequency");
        Directory.CreateDirectory(Path.GetDirectoryName(node)!);
        File.WriteAllBytes(node, cell);
        return this;
    }
}
