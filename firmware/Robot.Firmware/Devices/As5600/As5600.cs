using System.Device.I2c;

namespace Robot.Firmware.Devices.As5600;

/// <summary>
/// ams AS5600 12-bit magnetic rotary encoder over I2C (datasheet v1-06). Reads the RAW ANGLE
/// register pair with one register-pointer write and one two-byte read, allocation-free.
/// </summary>
public sealed class As5600 : IDisposable
{
    /// <summary>The chip's fixed 7-bit I2C address.</summary>
    public const int DefaultAddress = 0x36;

    readonly I2cDevice _device;
    readonly byte[] _pointer = new byte[1];
    readonly byte[] _two = new byte[2];
    readonly byte[] _one = new byte[1];

    public As5600(I2cDevice device) => _device = device ?? throw new ArgumentNullException(nameof(device));

    /// <summary>The unscaled angle, 0..4095 (registers 0x0C high nibble, 0x0D low byte).</summary>
    public ushort ReadRawAngle()
    {
        ReadRegisters(As5600Register.RawAngleHigh, _two);
        return (ushort)(((_two[0] & 0x0F) << 8) | _two[1]);
    }

    /// <summary>Magnet status: detected, too weak, too strong (STATUS register 0x0B bits MD, ML, MH).</summary>
    public MagnetStatus ReadMagnetStatus()
    {
        ReadRegisters(As5600Register.Status, _one);
        return (MagnetStatus)(_one[0] & 0x38);
    }

    /// <summary>Automatic gain control value (AGC register 0x1A): mid-range means a well-placed magnet.</summary>
    public byte ReadAutomaticGain()
    {
        ReadRegisters(As5600Register.Agc, _one);
        return _one[0];
    }

    void ReadRegisters(As5600Register first, byte[] buffer)
    {
        _pointer[0] = (byte)first;
        _device.WriteRead(_pointer, buffer);
    }

    public void Dispose() => _device.Dispose();
}
