namespace Robot.Cli;

/// <summary>A device is missing or does not behave (raised before a motor can be driven). Exits with <see cref="ExitCode.DeviceOrIo"/>.</summary>
public class DeviceException(string message, Exception? inner = null) : Exception(message, inner);
