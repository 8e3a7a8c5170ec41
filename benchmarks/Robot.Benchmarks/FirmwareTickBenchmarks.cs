using System.Device.I2c;
using System.Device.Pwm;
using BenchmarkDotNet.Attributes;
using Robot.Dynamics.Estimation;
using Robot.Firmware.Control;
using Robot.Firmware.Devices.As5600;
using Robot.Firmware.Devices.Motor;
using Robot.Firmware.Devices.Mpu6050;
using Robot.Firmware.Safety;
using Robot.Firmware.Telemetry;
using Robot.Policy;

namespace Robot.Benchmarks;

/// <summary>
/// The firmware's compute per control tick, armed and running: the 14-byte IMU burst and the
/// encoder read through I2cDevice, estimator, policy, supervisor, H-bridge, telemetry record.
/// The devices answer from memory at no cost, so this is the CPU time the Pi adds to the bus time.
/// </summary>
[MemoryDiagnoser]
public class FirmwareTickBenchmarks
{
    BalanceController _controller = null!;
    MemoryRegisters _imu = null!;
    long _tick;

    [Params("uniwheel-ppo", "lqr")]
    public string Policy { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        string root = AppContext.BaseDirectory;
        while (!Directory.Exists(Path.Combine(root, "hil-tests", "fixtures"))) root = Path.GetDirectoryName(root) ?? throw new DirectoryNotFoundException("hil-tests/fixtures");
        var policy = PolicyFile.Load(Path.Combine(root, "hil-tests", "fixtures", Policy + ".rpol"));
        _imu = new MemoryRegisters();
        _imu.Put(0x3F, 16384); // 1 g up
        var encoder = new MemoryRegisters();
        var motor = new HBridgeMotor(new NullPwm(), new NullPins(), 0.9);
        var supervisor = new SafetySupervisor(new SupervisorLimits());
        _controller = new BalanceController(new Mpu6050BurstReader(_imu), new As5600(encoder), motor, ImuMounting.Default,
            new StateEstimator(0.05), policy, supervisor, new TelemetryRing(1 << 10), () => false);
        supervisor.RequestArm(true, 0);
        for (int k = 0; k < 400; k++) Tick(); // held upright and still for 2 s: Running
        if (supervisor.State != SupervisorState.Running) throw new InvalidOperationException("the benchmark robot did not arm");
    }

    [Benchmark]
    public void Tick()
    {
        _imu.Put(0x3B, (short)(_tick & 7)); // a little noise, as real samples have (identical ones would mean a frozen sensor)
        _controller.Tick(_tick, _tick * 0.005, 0.005, false);
        _tick++;
    }

    /// <summary>Registers in memory: a write sets the pointer, reads auto-increment.</summary>
    sealed class MemoryRegisters : I2cDevice
    {
        readonly byte[] _registers = new byte[256];
        byte _pointer;
        public override I2cConnectionSettings ConnectionSettings { get; } = new(1, 0x68);
        public void Put(int register, short value) => (_registers[register], _registers[register + 1]) = ((byte)(value >> 8), (byte)value);
        public override byte ReadByte() => _registers[_pointer++];
        public override void Read(Span<byte> buffer) { for (int i = 0; i < buffer.Length; i++) buffer[i] = _registers[_pointer++]; }
        public override void WriteByte(byte value) => _pointer = value;
        public override void Write(ReadOnlySpan<byte> buffer) { if (buffer.Length > 0) _pointer = buffer[0]; }
        public override void WriteRead(ReadOnlySpan<byte> writeBuffer, Span<byte> readBuffer) { Write(writeBuffer); Read(readBuffer); }
    }

    sealed class NullPwm : PwmChannel
    {
        public override int Frequency { get; set; }
        public override double DutyCycle { get; set; }
        public override void Start() { }
        public override void Stop() { }
    }

    sealed class NullPins : IDirectionPins
    {
        public void Set(bool in1, bool in2) { }
    }
}
