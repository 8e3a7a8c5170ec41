namespace Robot.Cli;

/// <summary>
/// The command ran and its outcome is negative (a training run that diverged, say): the message
/// says what happened and what was kept. Exits with <see cref="ExitCode.Failed"/>.
/// </summary>
public class VerdictException(string message) : Exception(message);
