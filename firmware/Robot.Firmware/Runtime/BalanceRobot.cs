using System.Device.Gpio;
using Robot.Observation;
using Robot.Firmware.Configuration;
using Robot.Firmware.Control;
using Robot.Firmware.Devices.As5600;
using Robot.Firmware.Devices.Ina219;
using Robot.Firmware.Devices.Motor;
using Robot.Firmware.Devices.Mpu6050;
using Robot.Firmware.Hardware;
using Robot.Firmware.Loop;
using Robot.Firmware.Safety;
using Robot.Firmware.Telemetry;
using Robot.Policy;

namespace Robot.Firmware.Runtime;

/// <summary>
/// The firmware put together from robot.json, a validated policy and the hardware: opens and
/// checks the devices, builds the balance controller and the fixed-rate loop, and runs it. The
/// same object runs on the Pi and in the hardware-in-the-loop rig. Arm and clear-fault requests
/// may come from any thread; the loop thread acts on them at the start of its next tick.
/// </summary>
public sealed class BalanceRobot
{
    const int ArmRequested = 1, ClearRequested = 2, DisarmRequested = 4;

    readonly ILoopClock _clock;
    readonly Action<long, double, bool> _tick;
    readonly string? _calibrationProblem;
    int _requests;

    BalanceRobot(RobotConfig config, BalanceController controller, MotorGate motor, Watchdog watchdog, ILoopClock clock, TelemetryRing telemetry,
        VelocityCommand command)
    {
        Command = command;
        Config = config;
        Controller = controller;
        Motor = motor;
        Watchdog = watchdog;
        _clock = clock;
        Telemetry = telemetry;
        Loop = new FixedRateLoop(clock, config.Loop.Rate);
        _calibrationProblem = config.CalibrationProblem();
        _tick = OnTick; // one delegate, made once: no allocation per tick
    }

    public RobotConfig Config { get; }
    /// <summary>The PWM chip and channel the motor is driven through, and what they are.</summary>
    public PwmChoice Pwm { get; private init; }
    public BalanceController Controller { get; }
    /// <summary>The only way to the motor; <see cref="MotorGate.Cut"/> is safe from any thread.</summary>
    public MotorGate Motor { get; }
    public Watchdog Watchdog { get; }
    public FixedRateLoop Loop { get; }
    public TelemetryRing Telemetry { get; }
    /// <summary>The commanded forward velocity (followed by a driving policy while running; the ground station sets it).</summary>
    public VelocityCommand Command { get; }
    /// <summary>The loop's clock: commands are time-stamped on it (the dead-man rule runs on simulated time in the rig).</summary>
    public ILoopClock Clock => _clock;
    public SafetySupervisor Supervisor => Controller.Supervisor;
    /// <summary>How the loop thread is scheduled, once it runs ("SCHED_FIFO 80", or why not).</summary>
    public string? Scheduling { get; private set; }
    public FaultSet Faults => Controller.Faults;

    /// <summary>
    /// Checks the policy against this robot first (nothing is opened for a wrong or corrupt policy),
    /// then opens and configures the devices and checks they answer sanely. The motor is off (PWM
    /// disabled, inputs in the stop mode) and the supervisor disarmed when this returns.
    /// </summary>
    public static BalanceRobot Create(RobotConfig config, PolicyModel policy, IRobotHardware hardware, ILoopClock clock, int telemetryCapacity = 1 << 14) =>
        Create(config, new PolicyActions(policy), hardware, clock, telemetryCapacity);

    /// <summary>The robot with any action source: the policy's, or an identification experiment's duty schedule.</summary>
    public static BalanceRobot Create(RobotConfig config, IActionSource actions, IRobotHardware hardware, ILoopClock clock, int telemetryCapacity = 1 << 14)
    {
        var faults = new FaultSet();
        // The motor first: whatever the devices below do, the output is off from here on.
        var pwm = hardware.ResolvePwm(config.Motor.PwmChip, config.Motor.PwmChannel);
        var motor = new MotorGate(new HBridgeMotor(hardware.OpenPwm(pwm.Chip, config.Motor.PwmChannel, config.Motor.PwmFrequency),
            new GpioDirectionPins(hardware.Gpio, config.Motor.In1Pin, config.Motor.In2Pin, config.Motor.StandbyPin), config.Motor.DutyLimit, config.Motor.StopMode), faults);
        var imuDevice = hardware.OpenI2c(config.I2c.Bus, config.Imu.Address);
        try
        {
            Mpu6050Setup.Configure(imuDevice, config.Imu.FilterHz);
        }
        catch (IOException e)
        {
            throw new StartupException($"MPU-6050 at 0x{config.Imu.Address:x2} on I2C bus {config.I2c.Bus}: {e.Message}", e);
        }
        var encoder = new As5600(hardware.OpenI2c(config.I2c.Bus, config.Encoder.Address));
        var gpio = hardware.Gpio;
        int estopPin = config.EStop.Pin;
        // A normally-closed switch to ground with the pull-up: pressing it, or a cut wire, reads high.
        gpio.OpenPin(estopPin, PinMode.InputPullUp);
        Func<bool> emergencyStop = () => gpio.Read(estopPin) == PinValue.High;
        var imu = new Mpu6050BurstReader(imuDevice);
        CheckSensors(imu, encoder, config.Imu.Orientation());
        BatteryMonitor? battery = null;
        if (config.Battery.MonitorAddress is int batteryAddress)
        {
            double volts;
            try
            {
                var device = hardware.OpenI2c(config.I2c.Bus, batteryAddress);
                BatteryMonitor.Configure(device, config.Battery.ShuntOhms, config.Limits().MaxCurrent);
                battery = new BatteryMonitor(device, config.Battery.ShuntOhms, config.Limits().MaxCurrent);
                volts = battery.ReadVolts();
            }
            catch (IOException e)
            {
                throw new StartupException($"INA219 battery monitor at 0x{batteryAddress:x2}: {e.Message}", e);
            }
            if (volts < config.Limits().LowBatteryVoltage)
                throw new StartupException($"battery at {volts:F2} V, below limits.low_battery_voltage {config.Limits().LowBatteryVoltage:F2} V: charge it, " +
                    "or set limits.low_battery_voltage for your pack (3.0 V a cell: 6.0 for 2S, 9.0 for 3S)");
        }

        var estimator = new StateEstimator(config.Wheel.Radius)
        {
            GyroBiasCounts = config.Imu.GyroBiasCounts ?? 0, // scaled as the ranges Mpu6050Setup chose
        };
        var limits = config.Limits();
        var telemetry = new TelemetryRing(telemetryCapacity);
        var watchdog = new Watchdog(limits, motor, faults, emergencyStop);
        var command = new VelocityCommand();
        var controller = new BalanceController(imu, encoder, motor, config.Imu.Orientation(), estimator, actions, new SafetySupervisor(limits, faults),
            telemetry, emergencyStop, clock, config.Imu.PitchOffset ?? 0, battery, watchdog, command, config.Loop.Rate, config.Wheel.Radius,
            config.Heartbeat.Pin is int beat ? new Heartbeat(gpio, beat, config.Heartbeat.ReadbackPin) : null);
        return new BalanceRobot(config, controller, motor, watchdog, clock, telemetry, command) { Pwm = pwm };
    }

    /// <summary>The devices answered with values a working robot gives: a magnet at the encoder, about 1 g at the IMU.</summary>
    static void CheckSensors(Mpu6050BurstReader imu, As5600 encoder, ImuMounting mounting)
    {
        try
        {
            if (SensorSanity.Magnet(encoder.ReadMagnetStatus()) is string magnet) throw new StartupException(magnet);
            if (SensorSanity.Gravity(imu.Read(), mounting) is string gravity) throw new StartupException(gravity);
        }
        catch (IOException e)
        {
            throw new StartupException("a sensor did not answer: " + e.Message, e);
        }
    }

    /// <summary>Asks to arm: the loop runs the preflight at its next tick, then the direction pulse, then waits for the body to be held upright and still.</summary>
    public void RequestArm() => Interlocked.Or(ref _requests, ArmRequested);

    /// <summary>Acknowledges a latched fault (back to Disarmed; arming again is a separate request).</summary>
    public void RequestClearFault() => Interlocked.Or(ref _requests, ClearRequested);

    public void RequestDisarm()
    {
        Command.Stop();
        Interlocked.Or(ref _requests, DisarmRequested);
    }

    /// <summary>
    /// Runs the loop on the calling thread until cancelled or <paramref name="maxTicks"/>, with the
    /// watchdog on the clock's independent timer; the motor is cut on the way out, however it goes.
    /// </summary>
    public void Run(CancellationToken cancel, long maxTicks = long.MaxValue)
    {
        // On the wall clock the loop runs ahead of everything else on the machine (put back when the run ends:
        // the calling thread may be someone else's); simulated time needs no such thing.
        using var realTime = RealTimeScheduling.Enter(_clock is StopwatchClock ? Config.Loop.Priority : 0, out string? problem);
        Scheduling = _clock is not StopwatchClock ? "simulated time" : problem ?? (Config.Loop.Priority == 0 ? "normal scheduling (loop.priority 0)" : $"SCHED_FIFO {Config.Loop.Priority}");
        Watchdog.Kick(_clock.NowNanoseconds);
        using var timer = _clock.Every(Watchdog.CheckPeriodNanoseconds, Watchdog.Check);
        try
        {
            Loop.Run(_tick, cancel, maxTicks);
        }
        finally
        {
            Watchdog.Disengage();
            Motor.Cut();
        }
    }

    void OnTick(long tick, double period, bool overran)
    {
        int requests = Interlocked.Exchange(ref _requests, 0);
        if ((requests & DisarmRequested) != 0) Supervisor.Disarm();
        if ((requests & ClearRequested) != 0) Supervisor.ClearFault();
        Controller.Tick(tick, period, overran, Loop.CurrentLatenessNanoseconds);
        // After the tick: the preflight judges this tick's reads, and the arm takes effect from the next.
        if ((requests & ArmRequested) != 0) Controller.Arm(_calibrationProblem);
    }
}
