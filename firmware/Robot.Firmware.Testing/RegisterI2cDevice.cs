using System.Device.I2c;

namespace Robot.Firmware.Testing;

/// <summary>
/// A register-level I2C peripheral: a write sets the register pointer (then writes data bytes),
/// reads return consecutive registers, the pointer persists and auto-increments. Can NACK.
/// </summary>
public sealed class RegisterI2cDevice(int address) : I2cDevice
{
    public byte[] Registers { get; } = new byte[256];
    public byte Pointer { get; private set; }
    public bool Nack { get; set; }
    public int Transfers { get; private set; }

    public override I2cConnectionSettings ConnectionSettings { get; } = new(1, address);

    /// <summary>Stores a big-endian 16-bit value at <paramref name="register"/> (as the MPU-6050's data registers hold them).</summary>
    public void Put(int register, short value) => (Registers[register], Registers[register + 1]) = ((byte)(value >> 8), (byte)value);

    public override byte ReadByte()
    {
        Check();
        return Registers[Pointer++];
    }

    public override void Read(Span<byte> buffer)
    {
        Check();
        for (int i = 0; i < buffer.Length; i++) buffer[i] = Registers[Pointer++];
    }

    public override void WriteByte(byte value)
    {
        Check();
        Pointer = value;
    }

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        Check();
        if (buffer.Length == 0) return;
        Pointer = buffer[0];
        for (int i = 1; i < buffer.Length; i++) Registers[Pointer++] = buffer[i];
    }

    public override void WriteRead(ReadOnlySpan<byte> writeBuffer, Span<byte> readBuffer)
    {
        Write(writeBuffer);
        Read(readBuffer);
    }

    void Check()
    {
        Transfers++;
        if (Nack) throw new IOException("I2C NACK from 0x" + ConnectionSettings.DeviceAddress.ToString("x2"));
    }
}
