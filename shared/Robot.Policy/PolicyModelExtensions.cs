namespace Robot.Policy;

/// <summary>Conveniences on .NET (not part of the nanoFramework core).</summary>
public static class PolicyModelExtensions
{
    [ThreadStatic] static PolicyWorkspace? _workspace;

    /// <summary>
    /// Act with a workspace kept per thread: no allocation after a thread's first call (or after
    /// it moves to a wider policy), safe for concurrent callers.
    /// </summary>
    public static bool Act(this PolicyModel model, float[] observation, float[] action)
    {
        var ws = _workspace;
        if (ws is null || !ws.Fits(model)) _workspace = ws = model.CreateWorkspace();
        return model.Act(observation, action, ws);
    }
}
