namespace Robot.Envs.Uniwheel;

/// <summary>
/// The uniwheel's reward per step: exp(-cost) while up, 0 once fallen, with
/// cost = w_p pitch^2 + w_x position^2 + w_v velocity^2 + w_u duty^2 (driving: position from the point moving at
/// the command, velocity less the command). In (0, 1] while up:
/// staying up always pays more than falling, so ending an episode is never a way out of penalties.
/// </summary>
public sealed record UniwheelReward
{
    public double PitchWeight { get; init; } = 5;      // per rad^2
    public double PositionWeight { get; init; } = 2;   // per m^2
    public double VelocityWeight { get; init; } = 0.2; // per (m/s)^2
    public double DutyWeight { get; init; } = 0.05;    // per duty^2

    public double Of(bool fell, double pitch, double position, double velocity, double duty) => fell ? 0
        : Math.Exp(-(PitchWeight * pitch * pitch + PositionWeight * position * position + VelocityWeight * velocity * velocity + DutyWeight * duty * duty));
}
