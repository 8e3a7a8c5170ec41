namespace Robot.Hil.Running;

/// <summary>One thing a scenario requires, whether it held, and the figure that decided it.</summary>
public sealed record HilCheck(string Name, bool Passed, string Detail);
