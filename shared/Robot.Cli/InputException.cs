namespace Robot.Cli;

/// <summary>
/// An input the user gave is wrong (a config, scenario or checkpoint file, a setting): the
/// message names the file or field. Exits with <see cref="ExitCode.BadInput"/>.
/// </summary>
public class InputException(string message) : Exception(message);
