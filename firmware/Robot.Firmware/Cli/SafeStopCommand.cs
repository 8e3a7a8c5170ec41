using Robot.Cli;
using System.CommandLine;
using Robot.Firmware.Configuration;
using Robot.Firmware.Devices.Motor;
using Robot.Firmware.Hardware;

namespace Robot.Firmware.Cli;

/// <summary>
/// `robot-firmware safe-stop`: puts the motor output in its safe state (PWM duty 0 and disabled,
/// IN1 and IN2 in the stop mode) without reading any sensor or policy. For what the run process
/// cannot do itself: systemd's ExecStopPost runs it however the process died (SIGKILL, the
/// out-of-memory killer, a crash), and a person can run it by hand.
/// </summary>
public static class SafeStopCommand
{
    public static Command Create(Func<IRobotHardware> openHardware)
    {
        var config = new Option<string>("--config") { Description = "robot.json: which PWM channel and pins drive the motor", Required = true };
        var command = new Command("safe-stop", "Stop the motor: PWM duty 0 and disabled, direction pins in the configured stop mode. " +
            "Touches nothing else; safe to run at any time, also while no run is active.\n" +
            "Example (systemd): ExecStopPost=/opt/robot/robot-firmware safe-stop --config /etc/robot/robot.json") { config };
        command.SetAction(parse => CommandLineHost.Guard(() =>
        {
            var robotConfig = RobotConfig.Load(parse.GetValue(config)!);
            using var hardware = openHardware();
            var pwm = Stop(robotConfig, hardware);
            Console.WriteLine($"motor stopped: {pwm.Description}, duty 0 and disabled, " +
                $"IN1 (GPIO {robotConfig.Motor.In1Pin}) and IN2 (GPIO {robotConfig.Motor.In2Pin}) {(robotConfig.Motor.StopMode == StopMode.Brake ? "high (brake)" : "low (coast)")}");
            return ExitCode.Success;
        }));
        return command;
    }

    /// <summary>Opens the motor's PWM channel and pins and leaves them stopped (HBridgeMotor starts disabled).</summary>
    public static PwmChoice Stop(RobotConfig config, IRobotHardware hardware)
    {
        var pwm = hardware.ResolvePwm(config.Motor.PwmChip, config.Motor.PwmChannel);
        var motor = new HBridgeMotor(hardware.OpenPwm(pwm.Chip, config.Motor.PwmChannel, config.Motor.PwmFrequency),
            new GpioDirectionPins(hardware.Gpio, config.Motor.In1Pin, config.Motor.In2Pin, config.Motor.StandbyPin), config.Motor.DutyLimit, config.Motor.StopMode);
        motor.Disable();
        return pwm;
    }
}
