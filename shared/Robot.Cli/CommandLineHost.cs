using System.CommandLine;
using Robot.Policy;

namespace Robot.Cli;

/// <summary>
/// Parses and runs a program's commands. A parse error and every expected failure are one line
/// on stderr ("error: ...") and an <see cref="ExitCode"/>; never a stack trace.
/// </summary>
public static class CommandLineHost
{
    public static int Invoke(RootCommand root, string[] args)
    {
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            var error = parsed.Errors.FirstOrDefault(e => e.Message.StartsWith("Unrecognized")) ?? parsed.Errors[0];
            string command = parsed.CommandResult.Command == root ? root.Name : $"{root.Name} {parsed.CommandResult.Command.Name}";
            Console.Error.WriteLine($"error: {OneLine(error.Message)} (see: {command} --help)");
            return ExitCode.BadInput;
        }
        return parsed.Invoke(new InvocationConfiguration { ProcessTerminationTimeout = null });
    }

    /// <summary>Runs a command's body, turning expected failures into one line and their exit code; an unexpected one also gets a <see cref="CrashReport"/>.</summary>
    public static int Guard(Func<int> action)
    {
        try
        {
            return action();
        }
        catch (Exception e)
        {
            var (code, message) = Classify(e);
            string line = "error: " + OneLine(message);
            if (code == ExitCode.Internal)
                line += CrashReport.Write(e) is string report
                    ? $" (a bug: the full report, with its stack trace, is in {report}; please attach it to an issue)"
                    : " (a bug; its crash report could not be written)";
            Console.Error.WriteLine(line);
            return code;
        }
    }

    /// <summary>The exit code and message of an exception, by the contract in <see cref="ExitCode"/>.</summary>
    public static (int Code, string Message) Classify(Exception e) => e switch
    {
        PolicyFormatException p => (ExitCode.BadInput, $"policy file refused ({p.Reason}): {p.Message}"),
        VerdictException => (ExitCode.Failed, e.Message),
        InputException or ArgumentException or FileNotFoundException or DirectoryNotFoundException => (ExitCode.BadInput, e.Message),
        IOException or UnauthorizedAccessException or PlatformNotSupportedException or DeviceException => (ExitCode.DeviceOrIo, e.Message),
        _ => (ExitCode.Internal, $"unexpected {e.GetType().Name}: {e.Message}"),
    };

    /// <summary>Loads a policy file the one way every program does: refused before anything else happens.</summary>
    public static PolicyModel LoadPolicy(string path, string option = "--policy")
    {
        InputFile.Require(path, option, PolicyFormat.MaxFileBytes); // missing, folder, FIFO or device: refused before it is opened
        return PolicyFile.Load(path);
    }

    /// <summary>One line, and not a native library's stack either: libtorch appends "Exception raised from ..." and its frames.</summary>
    static string OneLine(string text)
    {
        int native = text.IndexOf("Exception raised from", StringComparison.Ordinal);
        if (native > 0) text = text[..native];
        string line = string.Join(' ', text.Split(['\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries).Select(s => s.Trim()));
        return line.Length <= 400 ? line : line[..400] + " ...";
    }
}
