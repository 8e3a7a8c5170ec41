using System.Device.I2c;
using Robot.Hil.Scenarios;

namespace Robot.Hil.Simulation;

/// <summary>
/// A register-level I2C peripheral on the simulated bus: the first byte written sets the register
/// pointer, further bytes write registers, reads return consecutive registers; the pointer persists
/// between transfers and auto-increments. Each transfer takes bus time (400 kHz, 9 bits a byte,
/// plus the kernel's per-transfer overhead) and can fail the way the scenario says.
/// </summary>
public abstract class SimulatedI2cDevice : I2cDevice
{
    /// <summary>Per-transfer overhead of Linux i2c-dev on a Raspberry Pi, ns (ioctl, driver setup).</summary>
    public const long TransferOverheadNanoseconds = 60_000;
    /// <summary>One byte at 400 kHz: 8 data bits and the acknowledge.</summary>
    public const long ByteNanoseconds = 22_500;

    readonly FaultKind _nackFault;
    readonly FaultKind? _timeoutFault;
    readonly FaultKind? _stallFault;
    byte _pointer;

    readonly FaultKind? _stuckFault;

    protected SimulatedI2cDevice(SimulatedWorld world, int bus, int address, FaultKind nackFault, FaultKind? timeoutFault, FaultKind? stallFault = null,
        FaultKind? stuckFault = null)
    {
        _stuckFault = stuckFault;
        World = world;
        ConnectionSettings = new I2cConnectionSettings(bus, address);
        _nackFault = nackFault;
        _timeoutFault = timeoutFault;
        _stallFault = stallFault;
    }

    protected SimulatedWorld World { get; }
    public override I2cConnectionSettings ConnectionSettings { get; }
    public long Transfers { get; private set; }

    /// <summary>Register value as the chip would return it.</summary>
    protected abstract byte ReadRegister(byte register);

    /// <summary>A register write from the host (read-only registers ignore it).</summary>
    protected abstract void WriteRegister(byte register, byte value);

    /// <summary>Called at the start of every read transfer: the chip latches its output registers.</summary>
    protected virtual void OnReadStarting() { }

    public override byte ReadByte()
    {
        Transfer(1, read: true);
        Span<byte> one = stackalloc byte[1];
        ReadBytes(one);
        return one[0];
    }

    public override void Read(Span<byte> buffer)
    {
        Transfer(buffer.Length, read: true);
        ReadBytes(buffer);
    }

    public override void WriteByte(byte value)
    {
        Transfer(1, read: false);
        WriteBytes([value]);
    }

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        Transfer(buffer.Length, read: false);
        WriteBytes(buffer);
    }

    /// <summary>A combined transfer with a repeated start: one bus transaction.</summary>
    public override void WriteRead(ReadOnlySpan<byte> writeBuffer, Span<byte> readBuffer)
    {
        Transfer(writeBuffer.Length + readBuffer.Length + 1, read: readBuffer.Length > 0);
        WriteBytes(writeBuffer);
        ReadBytes(readBuffer);
    }

    /// <summary>The bytes of a write: the register pointer, then data into consecutive registers (chips with other rules override).</summary>
    protected virtual void WriteBytes(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length == 0) return;
        _pointer = bytes[0];
        for (int i = 1; i < bytes.Length; i++) WriteRegister(_pointer++, bytes[i]);
    }

    /// <summary>The bytes of a read: consecutive registers from the pointer, which moves on.</summary>
    protected virtual void ReadBytes(Span<byte> buffer)
    {
        for (int i = 0; i < buffer.Length; i++) buffer[i] = ReadRegister(_pointer++);
    }

    void Transfer(int bytes, bool read)
    {
        Transfers++;
        if (World.Time.NowNanoseconds / 1e9 >= World.CrashAt) throw new InvalidOperationException("injected crash: a bug in the I2C path");
        World.Time.Spend(TransferOverheadNanoseconds + (bytes + 1) * ByteNanoseconds);
        if (_stallFault is FaultKind stallKind && World.ActiveFault(stallKind) is { } slow)
            World.Time.Spend((long)(slow.Value * 1e6)); // clock stretching: the transfer succeeds, late
        if (_stuckFault is FaultKind stuckKind && World.ActiveFault(stuckKind) is { } stuck)
        {
            // Held until the window ends, or the run does: in real time, possibly for ever.
            double until = Math.Min(stuck.End, World.Scenario.Duration);
            World.Time.Spend(Math.Max(0, (long)((until - World.Time.NowNanoseconds / 1e9) * 1e9)));
            throw new IOException($"I2C transfer to 0x{ConnectionSettings.DeviceAddress:x2} timed out after the bus was held");
        }
        if (_timeoutFault is FaultKind timeout && World.ActiveFault(timeout) is { } stall)
        {
            World.Time.Spend((long)(stall.Value * 1e6)); // the chip holds SCL low until the adapter gives up
            throw new IOException($"I2C transfer to 0x{ConnectionSettings.DeviceAddress:x2} timed out");
        }
        if (World.ActiveFault(_nackFault) is not null)
            throw new IOException($"I2C device 0x{ConnectionSettings.DeviceAddress:x2} did not acknowledge (NACK)");
        if (read) OnReadStarting();
    }
}
