using Robot.Dynamics.Plant;
using Robot.Dynamics.Sensors;
using Robot.Observation;
using Robot.Hil.Scenarios;

namespace Robot.Hil.Simulation;

/// <summary>
/// The MPU-6050 at register level (register map RM-MPU-6000A-00 rev 4.2): reset values (PWR_MGMT_1
/// 0x40, asleep; WHO_AM_I 0x68), SMPLRT_DIV, CONFIG (DLPF), GYRO_CONFIG and ACCEL_CONFIG full-scale
/// ranges, and the big-endian data registers 0x3B-0x48, which update at the sample rate and are
/// latched for the length of a read so a burst comes from one sampling instant. Readings are the
/// plant's specific force and pitch rate at the mounting point (chip X forward, Z up, Y the pitch
/// axis) through the shared sensor model, delayed by the selected filter.
/// </summary>
public sealed class SimulatedMpu6050 : SimulatedI2cDevice
{
    public const byte SmplrtDiv = 0x19, Config = 0x1A, GyroConfig = 0x1B, AccelConfig = 0x1C, AccelXoutH = 0x3B, GyroZoutL = 0x48,
        PwrMgmt1 = 0x6B, WhoAmI = 0x75;

    // Per DLPF_CFG 0..7: gyro delay (ms) and noise bandwidth (Hz), from the CONFIG register table.
    static readonly double[] DelayMs = [0.98, 1.9, 2.8, 4.8, 8.3, 13.4, 18.6, 0.98];
    static readonly double[] BandwidthHz = [256, 188, 98, 42, 20, 10, 5, 256];
    const double ModelBandwidthHz = 44; // the bandwidth Mpu6050Model's noise figures assume
    const double TemperatureCelsius = 30;

    readonly byte[] _registers = new byte[128];
    readonly Mpu6050Model _model;
    readonly double _noiseScale;
    readonly Random _rng;
    long _sampleIndex = -1;
    FaultWindow? _resetDone;

    public SimulatedMpu6050(SimulatedWorld world, int bus, int address, ImuImperfections imperfections, int seed)
        : base(world, bus, address, FaultKind.ImuNack, FaultKind.ImuTimeout, FaultKind.LoopOverrun, FaultKind.ImuBusStuck)
    {
        _model = new Mpu6050Model(new ImuParameters { AccelBiasG = imperfections.AccelBiasG, GyroBiasDegPerSecond = imperfections.GyroBiasDegPerSecond },
            world.Plant.Parameters);
        _noiseScale = imperfections.NoiseScale;
        _rng = new Random(seed);
        Reset();
    }

    public bool Asleep => (_registers[PwrMgmt1] & 0x40) != 0;

    /// <summary>Samples per second: the gyro output rate (8 kHz with the filter off, else 1 kHz) over 1 + SMPLRT_DIV.</summary>
    public double SampleRate => ((_registers[Config] & 7) is 0 or 7 ? 8000.0 : 1000.0) / (1 + _registers[SmplrtDiv]);
    public double AccelLsbPerG => Mpu6050Scale.AccelLsbPerG / (1 << ((_registers[AccelConfig] >> 3) & 3));
    public double GyroLsbPerDegPerSecond => Mpu6050Scale.GyroLsbPerDegPerSecond / (1 << ((_registers[GyroConfig] >> 3) & 3));

    void Reset()
    {
        Array.Clear(_registers);
        _registers[PwrMgmt1] = 0x40;
        _registers[WhoAmI] = 0x68;
        _sampleIndex = -1;
    }

    protected override byte ReadRegister(byte register) => _registers[register & 0x7F];

    protected override void WriteRegister(byte register, byte value)
    {
        register &= 0x7F;
        if (register == PwrMgmt1 && (value & 0x80) != 0)
        {
            Reset(); // DEVICE_RESET: every register back to its reset value; the bit clears itself
            return;
        }
        if (register is >= AccelXoutH and <= GyroZoutL or WhoAmI) return; // read-only
        _registers[register] = value;
    }

    protected override void OnReadStarting()
    {
        if (World.ActiveFault(FaultKind.ImuReset) is { } reset && !ReferenceEquals(reset, _resetDone))
        {
            _resetDone = reset; // a brown-out: once per window, the chip comes back in its power-on state
            Reset();
        }
        if (Asleep || World.ActiveFault(FaultKind.ImuFrozen) is not null) return; // data registers keep their last values
        if (World.ActiveFault(FaultKind.ImuSaturated) is not null)
        {
            for (int r = AccelXoutH; r <= GyroZoutL; r += 2) Put(r, short.MaxValue);
            return;
        }
        long index = (long)Math.Floor(World.Now * SampleRate);
        if (index == _sampleIndex) return; // no new sample since the last read: same bytes
        _sampleIndex = index;
        int dlpf = _registers[Config] & 7;
        var (state, derivative) = World.Past(DelayMs[dlpf] / 1000);
        double noise = _noiseScale * Math.Sqrt(BandwidthHz[dlpf] / ModelBandwidthHz) * (World.ActiveFault(FaultKind.ImuNoisy)?.Value ?? 1);
        var reading = _model.Measure(state, derivative, _rng, noise);
        var p = _model.Parameters;
        double Noise(double rms) => noise * rms * Dynamics.Sensors.GaussianNoise.Next(_rng);
        Put(AccelXoutH, reading.ForwardG * AccelLsbPerG);
        Put(AccelXoutH + 2, Noise(p.AccelNoiseG) * AccelLsbPerG); // Y: across the pitch plane, nothing but noise
        Put(AccelXoutH + 4, reading.UpG * AccelLsbPerG);
        Put(0x41, (TemperatureCelsius - 36.53) * 340); // datasheet: T = counts / 340 + 36.53
        Put(0x43, Noise(p.GyroNoiseDegPerSecond) * GyroLsbPerDegPerSecond);
        Put(0x45, World.ActiveFault(FaultKind.GyroSaturated) is null ? reading.PitchRateDegPerSecond * GyroLsbPerDegPerSecond : short.MaxValue);
        Put(0x47, Noise(p.GyroNoiseDegPerSecond) * GyroLsbPerDegPerSecond);
    }

    void Put(int register, double counts)
    {
        short value = Mpu6050Model.Saturate(counts);
        _registers[register] = (byte)(value >> 8);
        _registers[register + 1] = (byte)value;
    }
}
