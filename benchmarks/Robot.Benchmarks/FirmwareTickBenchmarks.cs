using Robot.Firmware.Testing;
using System.Device.I2c;
using BenchmarkDotNet.Attributes;
using Robot.Observation;
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
    RegisterI2cDevice _imu = null!;
    SimulatedClock _clock = null!;
    long _tick;

    [Params("uniwheel-ppo", "lqr")]
    public string Policy { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        string root = AppContext.BaseDirectory;
        while (!Directory.Exists(Path.Combine(root, "hil-tests", "fixtures"))) root = Path.GetDirectoryName(root) ?? throw new DirectoryNotFoundException("hil-tests/fixtures");
        var policy = PolicyFile.Load(Path.Combine(root, "hil-tests", "fixtures", Policy + ".rpol"));
        _imu = new RegisterI2cDevice(Iot.Device.Imu.Mpu6050.DefaultI2cAddress);
        _imu.Put(0x3F, (short)Mpu6050Scale.AccelLsbPerG); // 1 g up
        var encoder = new RegisterI2cDevice(As5600.DefaultAddress);
        encoder.Registers[0x0B] = 0x20; // magnet detected
        var pwm = new FakePwmChannel { RecordHistory = false };
        var pins = new FakeDirectionPins();
        var faults = new FaultSet();
        var limits = new SupervisorLimits();
        var motor = new MotorGate(new HBridgeMotor(pwm, pins, 0.9), faults);
        var supervisor = new SafetySupervisor(limits, faults);
        _clock = new SimulatedClock();
        var watchdog = new Watchdog(limits, motor, faults, () => false);
        _controller = new BalanceController(new Mpu6050BurstReader(_imu), new As5600(encoder), motor, ImuMounting.Default,
            new StateEstimator(0.05), new Robot.Firmware.Control.PolicyActions(policy), supervisor, new TelemetryRing(1 << 10), () => false, _clock, watchdog: watchdog);
        Tick();
        if (!_controller.Arm(null)) throw new InvalidOperationException("the benchmark robot's preflight failed: " + supervisor.ArmRefusal);
        int count = 0;
        for (int k = 0; k < 400; k++) // the direction pulse turns the wheel forward, then 2 s held upright and still: Running
        {
            if (pwm.Running && pwm.DutyCycle > 0 && pins.Last == (true, false)) count += 3;
            encoder.Registers[0x0C] = (byte)(count >> 8);
            encoder.Registers[0x0D] = (byte)count;
            Tick();
        }
        if (supervisor.State != SupervisorState.Running) throw new InvalidOperationException($"the benchmark robot did not arm ({faults.First.Detail})");
    }

    [Benchmark]
    public void Tick()
    {
        _imu.Put(0x3B, (short)(_tick & 7)); // a little noise, as real samples have (identical ones would mean a frozen sensor)
        _clock.Advance(5_000_000);
        _controller.Tick(_tick, 0.005, false);
        _tick++;
    }
}
