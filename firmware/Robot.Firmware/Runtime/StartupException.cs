namespace Robot.Firmware.Runtime;

/// <summary>The robot cannot start: a device missing or insane. Raised before the motor can ever be driven.</summary>
public sealed class StartupException(string message, Exception? inner = null) : Robot.Cli.DeviceException(message, inner);
