using Robot.Observation;
using Robot.Policy;

namespace Robot.Firmware.Control;

/// <summary>
/// The learned policy as the action source: this robot's five estimator observations in (a balancing
/// policy), or the six of the driving observation (a policy that follows a commanded velocity), one duty out.
/// </summary>
public sealed class PolicyActions : IActionSource
{
    readonly PolicyModel _policy;
    readonly PolicyWorkspace _workspace;

    /// <summary>Refuses (PolicyFormatException, SpecMismatch) a policy that does not fit this robot, before anything can arm.</summary>
    public PolicyActions(PolicyModel policy)
    {
        Drives = RequireFits(policy);
        _policy = policy;
        _workspace = policy.CreateWorkspace();
    }

    public PolicyModel Policy => _policy;

    public bool Act(float[] observation, double secondsRunning, float[] action) => _policy.Act(observation, action, _workspace);

    public bool IsFinished(double secondsRunning) => false;

    public bool Drives { get; }

    /// <summary>
    /// Refuses (PolicyFormatException, SpecMismatch) a policy that does not take this robot's
    /// observations, by name and order (the five of balancing, or the six of driving), and give one
    /// continuous duty. Returns true for a driving policy.
    /// </summary>
    public static bool RequireFits(PolicyModel policy)
    {
        bool drives = policy.ObservationSize == ObservationLayout.DrivingSize;
        var names = drives ? ObservationLayout.DrivingNames : ObservationLayout.Names;
        policy.RequireSpec(names.Length, ActionKind.Continuous, 1);
        for (int i = 0; i < names.Length; i++)
            if (policy.ObservationName(i) != names[i])
                throw new PolicyFormatException(PolicyError.SpecMismatch,
                    $"policy observation {i} is '{policy.ObservationName(i)}' but this robot's estimator gives '{names[i]}'");
        return drives;
    }
}
