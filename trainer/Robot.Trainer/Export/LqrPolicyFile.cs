using Robot.Dynamics.Control;
using Robot.Dynamics.Plant;
using Robot.Policy;

namespace Robot.Trainer.Export;

/// <summary>The LQR baseline for a plant as a policy file, so that it is evaluated on the same path as learned policies.</summary>
public static class LqrPolicyFile
{
    public static PolicyModel Create(UniwheelParameters plant, double controlRate = LqrBaseline.DefaultControlRate, bool driving = false)
    {
        var lqr = LqrBaseline.Design(plant, controlRate, driving: driving);
        return LinearPolicy.Create(lqr.ObservationNames, lqr.DutyGains, lqr.Metadata);
    }
}
