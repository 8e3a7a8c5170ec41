using Robot.Firmware.Testing;
using Robot.Firmware.Configuration;
using Robot.Firmware.Loop;
using Robot.Firmware.Runtime;
using Robot.Hil.Scenarios;
using Robot.Hil.Simulation;
using Robot.Policy;

namespace Robot.Hil.Tests;

/// <summary>A bad policy never reaches the motor: refused before any device is opened.</summary>
public class PolicyRefusalTests
{
    [Fact]
    public void ACorruptPolicyFileIsRefusedBeforeTheRobotCanArm()
    {
        var bytes = File.ReadAllBytes(HilPaths.TrainedPolicy);
        bytes[bytes.Length / 2] ^= 0x5A;
        string path = Path.Combine(Path.GetTempPath(), $"corrupt-{Guid.NewGuid():N}.rpol");
        File.WriteAllBytes(path, bytes);
        try
        {
            var e = Assert.Throws<PolicyFormatException>(() => PolicyFile.Load(path));
            Assert.Equal(PolicyError.ChecksumMismatch, e.Reason);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void APolicyForAnotherRobotIsRefusedBeforeAnyDeviceIsOpened()
    {
        var clock = new SimulatedClock();
        var world = new SimulatedWorld(new Scenario(), new LockstepTime(clock), 0.005);
        using var hardware = new SimulatedHardware(world, new RobotConfig(), 1);
        var cartpole = new PolicyModel(["x", "x_dot", "theta", "theta_dot"], ActionKind.Discrete, 2, OutputTransform.Clip, null, null, null, null,
            new float[4], [1f, 1f, 1f, 1f], 10f, [new DenseLayer(4, 2, Activation.Identity, new float[8], new float[2])], null, null);
        var e = Assert.Throws<PolicyFormatException>(() => BalanceRobot.Create(new RobotConfig(), cartpole, hardware, clock));
        Assert.Equal(PolicyError.SpecMismatch, e.Reason);
        Assert.Null(hardware.Imu);
        Assert.Null(hardware.Pwm);
    }

    [Fact]
    public void APolicyWithTheRightSizesButOtherObservationsIsRefused()
    {
        var clock = new SimulatedClock();
        var world = new SimulatedWorld(new Scenario(), new LockstepTime(clock), 0.005);
        using var hardware = new SimulatedHardware(world, new RobotConfig(), 1);
        var shuffled = new PolicyModel(["pitch_rate_rad_s", "pitch_rad", "position_m", "velocity_m_s", "previous_duty"], ActionKind.Continuous, 1,
            OutputTransform.Clip, [-1f], [1f], [1f], [0f], new float[5], [1f, 1f, 1f, 1f, 1f], 10f,
            [new DenseLayer(5, 1, Activation.Identity, new float[5], new float[1])], null, null);
        var e = Assert.Throws<PolicyFormatException>(() => BalanceRobot.Create(new RobotConfig(), shuffled, hardware, clock));
        Assert.Contains("pitch_rate_rad_s", e.Message);
        Assert.Null(hardware.Pwm);
    }
}
