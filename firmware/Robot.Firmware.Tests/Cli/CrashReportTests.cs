using Robot.Cli;

namespace Robot.Firmware.Tests.Cli;

/// <summary>An internal error is one line on stderr that names a file holding the whole exception.</summary>
public class CrashReportTests : IDisposable
{
    readonly string _dir = Directory.CreateTempSubdirectory("crash-report-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    static void ThrowsFromSomewhereDeep() => throw new NullReferenceException("the thing was null");

    (int Code, string Error) Guard(Func<int> action)
    {
        var (oldError, oldVariable) = (Console.Error, Environment.GetEnvironmentVariable(CrashReport.DirectoryVariable));
        var error = new StringWriter();
        Console.SetError(error);
        Environment.SetEnvironmentVariable(CrashReport.DirectoryVariable, _dir);
        try
        {
            return (CommandLineHost.Guard(action), error.ToString());
        }
        finally
        {
            Console.SetError(oldError);
            Environment.SetEnvironmentVariable(CrashReport.DirectoryVariable, oldVariable);
        }
    }

    [Fact]
    public void AnUnexpectedExceptionGetsOneLineNamingAReportWithItsStackTrace()
    {
        var (code, error) = Guard(() => { ThrowsFromSomewhereDeep(); return 0; });

        Assert.Equal(ExitCode.Internal, code);
        string line = error.TrimEnd();
        Assert.DoesNotContain('\n', line);
        Assert.StartsWith("error: unexpected NullReferenceException: the thing was null", line);
        string report = Assert.Single(Directory.GetFiles(_dir));
        Assert.Contains(report, line);
        string text = File.ReadAllText(report);
        Assert.Contains(nameof(ThrowsFromSomewhereDeep), text); // the stack trace
        Assert.Contains("command line: ", text);
        Assert.Contains("program: ", text);
    }

    [Fact]
    public void AnExpectedFailureWritesNoReport()
    {
        var (code, error) = Guard(() => throw new InputException("--policy: no such file"));
        Assert.Equal(ExitCode.BadInput, code);
        Assert.Equal("error: --policy: no such file", error.TrimEnd());
        Assert.Empty(Directory.GetFiles(_dir));
    }

    [Fact]
    public void AReportNeverOverwritesAnother()
    {
        var first = CrashReport.Write(new InvalidOperationException("one"), _dir);
        var second = CrashReport.Write(new InvalidOperationException("two"), _dir);
        Assert.NotNull(first);
        Assert.NotNull(second);
        Assert.NotEqual(first, second);
        Assert.Contains("one", File.ReadAllText(first!));
    }
}
