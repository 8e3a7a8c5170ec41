using Robot.Trainer.Training;

namespace Robot.Trainer.Cli;

/// <summary>Turns an expected failure into one line on stderr and a non-zero exit code, never a stack trace.</summary>
public static class CliErrors
{
    public const int UsageError = 2;
    public const int Failure = 1;

    public static int Guard(Func<int> action)
    {
        try
        {
            return action();
        }
        catch (Robot.Policy.PolicyFormatException e)
        {
            Console.Error.WriteLine($"error: policy file refused ({e.Reason}): {e.Message}");
            return Failure;
        }
        catch (Exception e) when (e is ArgumentException or CheckpointException or IOException or UnauthorizedAccessException
                                    or NotSupportedException or InvalidDataException)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            return e is ArgumentException ? UsageError : Failure;
        }
        catch (Exception e)
        {
            Console.Error.WriteLine($"error: unexpected {e.GetType().Name}: {e.Message}");
            return Failure;
        }
    }
}
