using Robot.Observation;
using Robot.Dynamics.Sensors;
using Robot.Hil.Scenarios;

namespace Robot.Hil.Simulation;

/// <summary>
/// The AS5600 at register level (ams datasheet v1-06): STATUS with the magnet detected, RAW ANGLE and
/// ANGLE (0x0C-0x0F, 12 bits, high byte first), AGC and MAGNITUDE. The angle is the wheel's angle
/// relative to the body, sampled when a read starts.
/// </summary>
public sealed class SimulatedAs5600 : SimulatedI2cDevice
{
    readonly byte[] _registers = new byte[32];
    readonly Random _rng;
    int _pivot = -1; // the count an in-place reversal mirrors about (-1: none active)

    public SimulatedAs5600(SimulatedWorld world, int bus, int address, int seed)
        : base(world, bus, address, FaultKind.EncoderNack, timeoutFault: null)
    {
        _rng = new Random(seed);
        _registers[0x0B] = 0x20; // STATUS: MD, magnet detected, neither too weak nor too strong
        _registers[0x1A] = 0x80; // AGC mid-range
        _registers[0x1B] = 0x06;
        _registers[0x1C] = 0x40;
    }

    protected override byte ReadRegister(byte register) => _registers[register & 0x1F];

    protected override void WriteRegister(byte register, byte value)
    {
        // ZPOS, MPOS, MANG, CONF are writable on the chip; the angle registers are not.
        if ((register & 0x1F) is >= 0x01 and <= 0x08) _registers[register & 0x1F] = value;
    }

    protected override void OnReadStarting()
    {
        bool lost = World.ActiveFault(FaultKind.MagnetLost) is not null;
        _registers[0x0B] = (byte)(lost ? 0x10 : 0x20); // STATUS: ML (too weak, no MD) or MD
        int count = As5600Model.Sample(World.State);
        if (World.ActiveFault(FaultKind.EncoderReversed) is not null) count = (As5600Scale.CountsPerTurn - count) & (As5600Scale.CountsPerTurn - 1);
        if (World.ActiveFault(FaultKind.EncoderReversedInPlace) is null) _pivot = -1;
        else
        {
            if (_pivot < 0) _pivot = count; // the first read after the fault starts reads on, unchanged
            count = (2 * _pivot - count) & (As5600Scale.CountsPerTurn - 1);
        }
        if (lost) count = _rng.Next(As5600Scale.CountsPerTurn); // no field: the angle is noise
        if (World.ActiveFault(FaultKind.EncoderGlitch) is { } glitch && _rng.NextDouble() < glitch.Value) count = _rng.Next(As5600Scale.CountsPerTurn);
        _registers[0x0C] = _registers[0x0E] = (byte)(count >> 8);
        _registers[0x0D] = _registers[0x0F] = (byte)count;
    }
}
