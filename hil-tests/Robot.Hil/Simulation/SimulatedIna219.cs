using Robot.Hil.Scenarios;

namespace Robot.Hil.Simulation;

/// <summary>
/// The INA219 battery monitor at register level (TI SBOS448G): six 16-bit registers, big-endian,
/// behind a pointer that does not auto-increment (a read returns the pointed register's high then
/// low byte, and again). CONFIGURATION 0x00 resets to 0x399F and bit 15 resets the chip; BUS
/// VOLTAGE 0x02 holds bits 15-3 at 4 mV and the conversion-ready bit 1. The bus voltage is the
/// simulated battery's terminal voltage (sagging under load); SHUNT VOLTAGE 0x01 holds the battery
/// current through a 0.1 ohm shunt at 10 uV a count (signed), with one count of noise, as a real ADC has,
/// clipped at the range CONFIG's PGA bits select; CURRENT 0x04 is it scaled by CALIBRATION 0x05.
/// </summary>
public sealed class SimulatedIna219 : SimulatedI2cDevice
{
    public const ushort ConfigurationReset = 0x399F;
    readonly ushort[] _registers = new ushort[6];
    byte _pointer;

    public const double ShuntOhms = 0.1;
    readonly Random _rng;

    public SimulatedIna219(SimulatedWorld world, int bus, int address, int seed) : base(world, bus, address, FaultKind.BatteryMonitorNack, timeoutFault: null)
    {
        _rng = new Random(seed);
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
        if (World.ActiveFault(FaultKind.BatteryMonitorStuck) is not null) return; // the ADC stopped: the registers keep their values
        int counts = (int)Math.Round(Math.Max(0, World.TerminalVoltage) / 0.004) + _rng.Next(-1, 2);
        _registers[2] = (ushort)((Math.Clamp(counts, 0, 8191) << 3) | 0b10); // conversion ready
        // The PGA's range (CONFIG bits 12-11: 40, 80, 160 or 320 mV) clips the shunt voltage, in 10 uV counts.
        int range = 4000 << ((_registers[0] >> 11) & 3);
        int shunt = Math.Clamp((int)Math.Round(World.BatteryCurrent * ShuntOhms / 10e-6) + _rng.Next(-1, 2), -range, range);
        _registers[1] = (ushort)(short)shunt;
        // CURRENT = SHUNT VOLTAGE x CALIBRATION / 4096 (datasheet equation 4); 0 until the calibration is written.
        _registers[4] = (ushort)(short)Math.Clamp(shunt * _registers[5] / 4096, short.MinValue, short.MaxValue);
    }
}
