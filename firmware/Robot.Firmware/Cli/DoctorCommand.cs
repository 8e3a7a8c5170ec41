using Robot.Cli;
using System.CommandLine;
using Robot.Firmware.Configuration;
using Robot.Firmware.Doctor;
using Robot.Firmware.Hardware;

namespace Robot.Firmware.Cli;

/// <summary>
/// `robot-firmware doctor`: everything the firmware needs from the Pi and its wiring, checked in one
/// report with the fix for each failure. The system first (SystemDoctor: I2C and its clock, the PWM
/// chip, groups, real-time scheduling, libgpiod), then each device (DeviceDoctor). Moves nothing.
/// </summary>
public static class DoctorCommand
{
    public static Command Create(Func<IRobotHardware> openHardware)
    {
        var config = new Option<string>("--config") { Description = "robot.json: the bus, addresses and pins to check", Required = true };
        var root = new Option<string>("--root") { Description = "Where the system's files are (/dev, /sys, /proc, /etc)", DefaultValueFactory = _ => "/" };
        var user = new Option<string>("--user") { Description = "The user the service runs as (its groups are checked)", DefaultValueFactory = _ => Environment.UserName };
        var command = new Command("doctor", "Check the Pi and the wiring for the firmware: I2C at 400 kHz, the header's PWM chip, the groups, " +
            "real-time scheduling, libgpiod on a Pi 5, every device at its address and the e-stop. Exit code 0 when all pass, 1 otherwise.\n" +
            "Example: /opt/uniwheel/robot-firmware doctor --config /opt/uniwheel/robot.json --user pi") { config, root, user };
        command.SetAction(parse => CommandLineHost.Guard(() =>
        {
            var robotConfig = RobotConfig.Load(parse.GetValue(config)!);
            var findings = new List<DoctorFinding>(SystemDoctor.Check(robotConfig, parse.GetValue(root)!, parse.GetValue(user)!));
            using (var hardware = openHardware()) findings.AddRange(DeviceDoctor.Check(robotConfig, hardware));
            int width = findings.Max(f => f.Check.Length);
            foreach (var f in findings)
            {
                Console.WriteLine($"{(f.Ok ? "[ok]  " : "[FAIL]")} {f.Check.PadRight(width)}  {f.Detail}");
                if (f.Fix is not null) Console.WriteLine($"       {new string(' ', width)}  fix: {f.Fix}");
            }
            int failed = findings.Count(f => !f.Ok);
            Console.WriteLine(failed == 0 ? $"All {findings.Count} checks passed." : $"{failed} of {findings.Count} checks failed: fix them from the top (an early one can cause later ones).");
            return failed == 0 ? ExitCode.Success : ExitCode.Failed;
        }));
        return command;
    }
}
