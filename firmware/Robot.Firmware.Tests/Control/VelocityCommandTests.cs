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

    [Fact]
    public void SettingAndReadingACommandAllocatesNothing()
    {
        var command = new VelocityCommand();
        command.TrySet(0.1, 0);
        command.TargetAt(0);
        long before = GC.GetAllocatedBytesForCurrentThread();
        double sum = 0;
        for (int k = 0; k < 1000; k++)
        {
            command.TrySet(0.2, k);
            sum += command.TargetAt(k);
        }
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal(200, sum, 9);
    }

    /// <summary>
    /// Writers race the loop with two kinds of command: 0.4 m/s sent long ago (stale: target 0) and 0.1 m/s sent now.
    /// A speed read with the other's time would show 0.4: the loop must only ever see 0 or 0.1.
    /// </summary>
    [Fact]
    public void WritersRacingTheLoopNeverGiveItASpeedWithAnotherCommandsTime()
    {
        var command = new VelocityCommand();
        long now = 100_000_000_000;
        using var stop = new CancellationTokenSource();
        using var started = new CountdownEvent(2);
        var writers = Enumerable.Range(0, 2).Select(w => new Thread(() =>
        {
            started.Signal();
            for (long k = 0; !stop.IsCancellationRequested; k++)
            {
                if ((k + w) % 2 == 0) command.TrySet(0.4, now - 10_000_000_000);
                else command.TrySet(0.1, now);
                if (k % 97 == 0) command.Stop();
            }
        })).ToList();
        writers.ForEach(t => t.Start());
        started.Wait();
        int fresh = 0, stale = 0, torn = 0;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (clock.ElapsedMilliseconds < 300)
            for (int i = 0; i < 10_000; i++)
            {
                double target = command.TargetAt(now);
                if (target == 0.1) fresh++;
                else if (target == 0) stale++;
                else torn++;
            }
        stop.Cancel();
        writers.ForEach(t => t.Join());
        Assert.Equal(0, torn);
        Assert.True(fresh > 0 && stale > 0, $"fresh {fresh}, stale or stopped {stale}: the race did not happen");
    }
}
