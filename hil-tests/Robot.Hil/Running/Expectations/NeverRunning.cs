namespace Robot.Hil.Running.Expectations;

/// <summary>expect.never_running: the firmware refused the robot while arming and never entered Running.</summary>
public sealed class NeverRunning : IExpectation
{
    public IEnumerable<HilCheck> Judge(RunRecord run)
    {
        yield return new("never running", run.RunningSince is null,
            run.RunningSince is double began ? $"running at {began:F2} s" : $"refused while arming ({run.Robot.Supervisor.State})");
    }
}
