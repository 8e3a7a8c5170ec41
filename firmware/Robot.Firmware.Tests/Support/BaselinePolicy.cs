using Robot.Dynamics.Control;
using Robot.Dynamics.Plant;
using Robot.Observation;
using Robot.Policy;

namespace Robot.Firmware.Tests.Support;

/// <summary>A policy that balances the nominal robot: the LQR baseline as a policy file.</summary>
static class BaselinePolicy
{
    public static PolicyModel Lqr()
    {
        var lqr = LqrBaseline.Design(new UniwheelParameters());
        return LinearPolicy.Create(ObservationLayout.Names, lqr.DutyGains, lqr.Metadata);
    }
}
