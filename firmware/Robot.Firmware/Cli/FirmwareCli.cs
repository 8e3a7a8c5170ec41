using Robot.Cli;
using Robot.Firmware.Hardware;
using System.CommandLine;

namespace Robot.Firmware.Cli;

/// <summary>The `robot-firmware` command line that runs on the robot: run, bringup, calibrate, identify, safe-stop and doctor; and station, the ground station's page in its own process.</summary>
public static class FirmwareCli
{
    /// <param name="openHardware">Where the devices come from: the Pi's by default; tests hand in their own, so none can touch a real motor.</param>
    public static RootCommand Build(Func<IRobotHardware>? openHardware = null) => new(
        "robot-firmware: the uniwheel robot's balancing controller for the Raspberry Pi. Loads a policy file, " +
        "reads the IMU and wheel encoder over I2C, drives the motor, and keeps the robot safe. See docs/deploy.md.")
    {
        RunCommand.Create(openHardware ?? (() => new RaspberryPiHardware())),
        CalibrateCommand.Create(openHardware ?? (() => new RaspberryPiHardware())),
        IdentifyCommand.Create(openHardware ?? (() => new RaspberryPiHardware())),
        SafeStopCommand.Create(openHardware ?? (() => new RaspberryPiHardware())),
        DoctorCommand.Create(openHardware ?? (() => new RaspberryPiHardware())),
        BringupCommand.Create(openHardware ?? (() => new RaspberryPiHardware())),
        StationCommand.Create(),
    };

    /// <summary>Parses and runs (exit codes: Robot.Cli.ExitCode).</summary>
    public static int Invoke(string[] args, Func<IRobotHardware>? openHardware = null) => CommandLineHost.Invoke(Build(openHardware), args);
}
