using Robot.Observation;
using Robot.Policy;

namespace Robot.Firmware.Control;

/// <summary>The learned policy as the action source: this robot's five estimator observations in, one duty out.</summary>
public sealed class PolicyActions : IActionSource
{
    readonly PolicyModel _policy;
    readonly PolicyWorkspace _workspace;

    /// <summary>Refuses (PolicyFormatException, SpecMismatch) a policy that does not fit this robot, before anything can arm.</summary>
    public PolicyActions(PolicyModel policy)
    {
        RequireFits(policy);
        _policy = policy;
        _workspace = policy.CreateWorkspace();
    }

    public PolicyModel Policy => _policy;

    public bool Act(float[] observation, double secondsRunning, float[] action) => _policy.Act(observation, action, _workspace);

    public bool IsFinished(double secondsRunning) => false;

    /// <summary>
    /// Refuses (PolicyFormatException, SpecMismatch) a policy that does not take this robot's five
    /// estimator observations, by name and order, and give one continuous duty.
    /// </summary>
    public static void RequireFits(PolicyModel policy)
    {
        policy.RequireSpec(ObservationLayout.Size, ActionKind.Continuous, 1);
        for (int i = 0; i < ObservationLayout.Size; i++)
            if (policy.ObservationName(i) != ObservationLayout.Names[i])
                throw new PolicyFormatException(PolicyError.SpecMismatch,
                    $"policy observation {i} is '{policy.ObservationName(i)}' but this robot's estimator gives '{ObservationLayout.Names[i]}'");
    }
}
