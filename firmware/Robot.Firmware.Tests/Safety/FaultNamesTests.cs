using Robot.Firmware.Safety;
using Robot.Observation;

namespace Robot.Firmware.Tests.Safety;

public class FaultNamesTests
{
    [Fact]
    public void EveryCauseHasOneSnakeCaseNameThatReadsBack()
    {
        foreach (var cause in Enum.GetValues<FaultCause>().Where(c => c != FaultCause.None))
        {
            string name = FaultNames.Of(cause);
            Assert.Matches("^[a-z]+(_[a-z0-9]+)*$", name);
            Assert.Equal(cause, FaultNames.Parse(name));
        }
        Assert.Equal("imu_stale", FaultNames.Of(FaultCause.ImuStale));
        Assert.Null(FaultNames.Parse("ImuStale"));
        Assert.Equal("", FaultNames.Join(FaultCause.None));
    }
}
