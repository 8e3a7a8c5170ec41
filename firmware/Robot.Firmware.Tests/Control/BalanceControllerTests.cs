using Robot.Firmware.Tests.Support;
using Robot.Observation;
using Robot.Dynamics.Plant;
using Robot.Firmware.Control;
using Robot.Firmware.Devices.As5600;
using Robot.Firmware.Devices.Motor;
using Robot.Firmware.Devices.Mpu6050;
using Robot.Firmware.Loop;
using Robot.Firmware.Safety;
using Robot.Firmware.Telemetry;
using Robot.Firmware.Testing;

namespace Robot.Firmware.Tests.Control;

/// <summary>The whole tick against register-level fakes, in simulated time.</summary>
public class BalanceControllerTests
{
    sealed class Rig
    {
        public readonly RegisterI2cDevice Imu = new(0x68);
        public readonly RegisterI2cDevice Encoder = new(As5600.DefaultAddress);
        public readonly FakePwmChannel Pwm = new();
        public readonly SimulatedClock Clock = new();
        public readonly TelemetryRing Telemetry = new(1 << 14);
        public readonly BalanceController Controller;
        public readonly FixedRateLoop Loop;
        public bool EStop;
        int _noise;

        public Rig()
        {
            var motor = new HBridgeMotor(Pwm, new FakeDirectionPins(), dutyLimit: 0.8);
            var supervisor = new SafetySupervisor(new SupervisorLimits());
            Controller = new BalanceController(new Mpu6050BurstReader(Imu), new As5600(Encoder), motor, ImuMounting.Default,
                new StateEstimator(0.05), BaselinePolicy.Lqr(), supervisor, Telemetry, () => EStop);
            Loop = new FixedRateLoop(Clock, 200);
            Tilt(0);
        }

        /// <summary>Sets the IMU's registers to gravity at this pitch, with one count of changing noise.</summary>
        public void Tilt(double pitch)
        {
            _noise ^= 1;
            Put(0x3B, (short)(-Math.Sin(pitch) * 16384 + _noise));
            Put(0x3F, (short)(Math.Cos(pitch) * 16384));
            Put(0x45, (short)_noise);
        }

        public void EncoderCount(int count)
        {
            this.Encoder.Registers[0x0C] = (byte)(count >> 8);
            this.Encoder.Registers[0x0D] = (byte)count;
        }

        void Put(int register, short value)
        {
            Imu.Registers[register] = (byte)(value >> 8);
            Imu.Registers[register + 1] = (byte)value;
        }

        public void Run(int ticks, double pitch = 0) =>
            Loop.Run((k, dt, overran) => { Tilt(pitch); Controller.Tick(k, Clock.NowNanoseconds / 1e9, dt, overran); }, CancellationToken.None, ticks);
    }

    [Fact]
    public void ArmsWhenHeldUprightThenDrivesTheMotorWithoutAllocating()
    {
        var rig = new Rig();
        rig.Run(10);
        Assert.True(rig.Controller.Supervisor.RequestArm(true, rig.Clock.NowNanoseconds / 1e9));
        rig.Run(250); // 1.25 s upright and still
        Assert.Equal(SupervisorState.Running, rig.Controller.Supervisor.State);

        // The controller's own ticks (the test's loop closure and fake PWM history stay out of the count).
        rig.Pwm.RecordHistory = false;
        rig.Tilt(0.02);
        rig.Controller.Tick(0, 2.0, 0.005, false);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int k = 1; k <= 1000; k++)
        {
            rig.Tilt(0.02);
            rig.Controller.Tick(k, 2.0 + k * 0.005, 0.005, false);
        }
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(0, allocated);
        Assert.True(rig.Pwm.DutyCycle > 0, "a forward lean must drive the wheel");
        Assert.True(rig.Telemetry.TryRead(out var first));
        Assert.Equal(0, first.Tick);
    }

    [Fact]
    public void TiltBeyondTheLimitCutsTheMotorWithinOneTick()
    {
        var rig = new Rig();
        rig.Controller.Supervisor.RequestArm(true, 0);
        rig.Run(260);
        rig.Run(400, pitch: 0.9); // the complementary filter needs a moment to see it
        Assert.Equal(SupervisorState.Faulted, rig.Controller.Supervisor.State);
        Assert.Equal(FaultCause.Tilt, rig.Controller.Supervisor.LastFault.Cause);
        Assert.Equal(0, rig.Pwm.DutyCycle);
    }

    [Fact]
    public void I2cFailuresAndEStopFaultAndStopTheMotor()
    {
        var rig = new Rig();
        rig.Controller.Supervisor.RequestArm(true, 0);
        rig.Run(260);
        rig.Imu.Nack = true;
        rig.Run(3);
        Assert.Equal(FaultCause.SensorReadFailures, rig.Controller.Supervisor.LastFault.Cause);
        Assert.Equal(0, rig.Pwm.DutyCycle);

        var other = new Rig();
        other.Controller.Supervisor.RequestArm(true, 0);
        other.Run(260);
        other.EStop = true;
        other.Run(1);
        Assert.Equal(FaultCause.EmergencyStop, other.Controller.Supervisor.LastFault.Cause);
        Assert.Equal(0, other.Pwm.DutyCycle);
    }

    [Fact]
    public void APolicyForAnotherRobotIsRefusedBeforeAnythingArms()
    {
        var cartpoleLike = new Robot.Policy.PolicyModel(["a", "b", "c", "d"], Robot.Policy.ActionKind.Discrete, 2, Robot.Policy.OutputTransform.Clip,
            null, null, null, null, new float[4], [1f, 1f, 1f, 1f], 10f,
            [new Robot.Policy.DenseLayer(4, 2, Robot.Policy.Activation.Identity, new float[8], new float[2])], null, null);
        var e = Assert.Throws<Robot.Policy.PolicyFormatException>(() => new BalanceController(
            new Mpu6050BurstReader(new RegisterI2cDevice(0x68)), new As5600(new RegisterI2cDevice(0x36)),
            new HBridgeMotor(new FakePwmChannel(), new FakeDirectionPins(), 0.5), ImuMounting.Default, new StateEstimator(0.05),
            cartpoleLike, new SafetySupervisor(new SupervisorLimits()), new TelemetryRing(), () => false));
        Assert.Equal(Robot.Policy.PolicyError.SpecMismatch, e.Reason);
    }

    [Fact]
    public void AnEncoderJumpNoWheelCanMakeIsRejectedAndARunOfThemFaults()
    {
        var rig = new Rig();
        rig.Controller.Supervisor.RequestArm(true, 0);
        rig.EncoderCount(100);
        rig.Run(260);
        Assert.Equal(SupervisorState.Running, rig.Controller.Supervisor.State);
        while (rig.Telemetry.TryRead(out _)) { }
        rig.EncoderCount(2100); // half a turn in 5 ms: a glitch
        rig.Run(1);
        rig.EncoderCount(104); // a plausible step from the last good count
        rig.Run(1);
        Assert.Equal(SupervisorState.Running, rig.Controller.Supervisor.State);
        Assert.True(rig.Telemetry.TryRead(out var glitch));
        Assert.True(rig.Telemetry.TryRead(out var good));
        Assert.Equal(2100, glitch.Encoder);
        Assert.True(Math.Abs(glitch.Position) < 1e-3, $"the glitch moved the estimate to {glitch.Position} m");
        Assert.True(Math.Abs(good.Position - 4 * 2 * Math.PI / 4096 * 0.05) < 2e-3, $"position after a good read: {good.Position} m");

        rig.EncoderCount(3000); // and stays there: every read is implausible against the last good count
        rig.Run(3);
        Assert.Equal(SupervisorState.Faulted, rig.Controller.Supervisor.State);
        Assert.Equal(FaultCause.SensorReadFailures, rig.Controller.Supervisor.LastFault.Cause);
    }
}
