using Robot.Firmware.Control;
using Robot.Observation;
using Robot.Policy;

namespace Robot.Firmware.Tests.Control;

/// <summary>The commanded velocity: the envelope, the dead-man rule, and which policies can take it.</summary>
public class VelocityCommandTests
{
    const long Ms = 1_000_000;

    [Fact]
    public void ACommandHoldsForThreeHundredMillisecondsThenTheTargetIsZero()
    {
        var command = new VelocityCommand();
        Assert.Equal(0, command.TargetAt(0));
        Assert.True(command.TrySet(0.4, 1000 * Ms));
        Assert.Equal(0.4, command.TargetAt(1000 * Ms));
        Assert.Equal(0.4, command.TargetAt(1300 * Ms));
        Assert.Equal(0, command.TargetAt(1301 * Ms)); // the sender went quiet
        Assert.True(command.TrySet(-0.2, 1400 * Ms)); // a fresh one counts again
        Assert.Equal(-0.2, command.TargetAt(1500 * Ms));
        command.Stop();
        Assert.Equal(0, command.TargetAt(1500 * Ms));
    }

    [Theory]
    [InlineData(0.5001)]
    [InlineData(-0.6)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void ASpeedOutsideTheEnvelopeIsRefusedAndChangesNothing(double speed)
    {
        var command = new VelocityCommand();
        Assert.True(command.TrySet(0.25, 0));
        Assert.NotNull(VelocityCommand.Problem(speed));
        Assert.False(command.TrySet(speed, 10 * Ms));
        Assert.Equal(0.25, command.TargetAt(10 * Ms));
    }

    [Fact]
    public void TheEnvelopeEdgeIsAccepted()
    {
        Assert.Null(VelocityCommand.Problem(VelocityReference.MaxSpeed));
        Assert.Null(VelocityCommand.Problem(-VelocityReference.MaxSpeed));
    }

    static PolicyModel Linear(string[] names) => LinearPolicy.Create(names, new float[names.Length], [new("policy", "test")]);

    [Fact]
    public void ADrivingPolicyDrivesABalancingOneDoesNotAndAnythingElseIsRefused()
    {
        Assert.True(new PolicyActions(Linear(ObservationLayout.DrivingNames)).Drives);
        Assert.False(new PolicyActions(Linear(ObservationLayout.Names)).Drives);
        string[] wrong = [.. ObservationLayout.DrivingNames[..5], "heading_rad"];
        var e = Assert.Throws<PolicyFormatException>(() => new PolicyActions(Linear(wrong)));
        Assert.Contains("target_velocity_m_s", e.Message);
        // A balancing policy's position is from the start, not from a moving point: the names differ.
        string[] mixed = [.. ObservationLayout.Names, "target_velocity_m_s"];
        Assert.Throws<PolicyFormatException>(() => new PolicyActions(Linear(mixed)));
    }
}
