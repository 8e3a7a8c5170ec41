using Robot.Hil.Scenarios;

namespace Robot.Hil.Simulation;

/// <summary>
/// The INA219 battery monitor at register level (TI SBOS448G): six 16-bit registers, big-endian,
/// behind a pointer that does not auto-increment (a read returns the pointed register's high then
/// low byte, and again). CONFIGURATION 0x00 resets to 0x399F and bit 15 resets the chip; BUS
/// VOLTAGE 0x02 holds bits 15-3 at 4 mV and the conversion-ready bit 1. The bus voltage is the
/// simulated battery's; shunt, power and current read 0 (the plant has no supply current model).
/// </summary>
public sealed class SimulatedIna219 : SimulatedI2cDevice
{
    public const ushort ConfigurationReset = 0x399F;
    readonly ushort[] _registers = new ushort[6];
    byte _pointer;

    public SimulatedIna219(SimulatedWorld world, int bus, int address) : base(world, bus, address, FaultKind.BatteryMonitorNack, timeoutFault: null)
    {
        _registers[0] = ConfigurationReset;
    }

    protected override void WriteBytes(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length == 0) return;
        _pointer = bytes[0];
        if (bytes.Length < 3 || _pointer is 1 or 2 or 3 or 4 || _pointer > 5) return; // measurement registers are read-only
        ushort value = (ushort)((bytes[1] << 8) | bytes[2]);
        if (_pointer == 0 && (value & 0x8000) != 0)
        {
            Array.Clear(_registers);
            _registers[0] = ConfigurationReset;
            return;
        }
        _registers[_pointer] = value;
    }

    protected override void ReadBytes(Span<byte> buffer)
    {
        ushort value = _pointer < _registers.Length ? _registers[_pointer] : (ushort)0;
        for (int i = 0; i < buffer.Length; i++) buffer[i] = i % 2 == 0 ? (byte)(value >> 8) : (byte)value;
    }

    protected override byte ReadRegister(byte register) => throw new NotSupportedException("the INA219 reads whole 16-bit registers");

    protected override void WriteRegister(byte register, byte value) => throw new NotSupportedException("the INA219 writes whole 16-bit registers");

    protected override void OnReadStarting()
    {
        int counts = (int)Math.Round(Math.Max(0, World.BatteryVoltage) / 0.004);
        _registers[2] = (ushort)((Math.Min(counts, 8191) << 3) | 0b10); // conversion ready
    }
}
