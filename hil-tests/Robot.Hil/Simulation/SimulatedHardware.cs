using System.Device.Gpio;
using System.Device.I2c;
using System.Device.Pwm;
using Robot.Firmware.Configuration;
using Robot.Firmware.Hardware;

namespace Robot.Hil.Simulation;

/// <summary>The simulated robot's buses and pins, handed to the unchanged firmware in place of the Pi's.</summary>
public sealed class SimulatedHardware : IRobotHardware
{
    readonly SimulatedWorld _world;
    readonly RobotConfig _config;
    readonly int _seed;
    readonly MotorStateFile? _motorState;

    /// <param name="motorState">Where the motor output's state is mirrored so it outlives the process (null: nowhere).</param>
    public SimulatedHardware(SimulatedWorld world, RobotConfig config, int seed, MotorStateFile? motorState = null)
    {
        _world = world;
        _config = config;
        _seed = seed;
        _motorState = motorState;
        Gpio = new GpioController(new SimulatedGpioDriver(world, config.Motor.In1Pin, config.Motor.In2Pin, config.EStop.Pin, motorState,
            config.Heartbeat.Pin, config.Heartbeat.ReadbackPin));
        motorState?.FitHeartbeat(config.Heartbeat.Pin is not null);
    }

    public GpioController Gpio { get; }

    /// <summary>From this time (s) on, every I2C transfer throws an exception no driver would: a bug on the thread that reads the bus.</summary>
    public void InjectCrashAt(double seconds) => _world.CrashAt = seconds;
    public SimulatedMpu6050? Imu { get; private set; }
    public SimulatedAs5600? Encoder { get; private set; }
    public SimulatedPwmChannel? Pwm { get; private set; }
    public SimulatedIna219? Battery { get; private set; }

    public I2cDevice OpenI2c(int bus, int address)
    {
        if (bus != _config.I2c.Bus) throw new IOException($"no I2C bus {bus} on the simulated robot (it has bus {_config.I2c.Bus})");
        return address switch
        {
            _ when address == _config.Imu.Address => Imu = new SimulatedMpu6050(_world, bus, address, _world.Scenario.Imu, _seed * 7919 + 1),
            Robot.Firmware.Devices.As5600.As5600.DefaultAddress => Encoder = new SimulatedAs5600(_world, bus, address, _seed * 7919 + 2),
            _ when address == _config.Battery.MonitorAddress => Battery = new SimulatedIna219(_world, bus, address, _seed * 7919 + 3),
            _ => throw new IOException($"no device answers at 0x{address:x2} on the simulated I2C bus"),
        };
    }

    public PwmChannel OpenPwm(int chip, int channel, int frequencyHz) => Pwm = new SimulatedPwmChannel(_world, frequencyHz, _motorState);

    public void Dispose()
    {
        Gpio.Dispose();
        _motorState?.Dispose();
    }
}
