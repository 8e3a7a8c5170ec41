namespace Robot.Cli;

/// <summary>
/// The exit codes of robot-trainer, robot-firmware and robot-hil (docs/cli.md). Scripts and
/// systemd read them: the same kind of outcome gives the same code in every program.
/// </summary>
public static class ExitCode
{
    /// <summary>Done, and what was checked passed.</summary>
    public const int Success = 0;
    /// <summary>The command ran to its end and its verdict is negative: a scenario failed, the robot stopped on a fault.</summary>
    public const int Failed = 1;
    /// <summary>The command line or an input it names is wrong: unknown option, bad value, a file that is missing, corrupt or refused.</summary>
    public const int BadInput = 2;
    /// <summary>The machine did not cooperate: a device that does not answer, a disk that refuses a write.</summary>
    public const int DeviceOrIo = 3;
    /// <summary>A bug: an exception nothing expected (one line on stderr naming its <see cref="CrashReport"/>, which holds the stack trace).</summary>
    public const int Internal = 70;
}
