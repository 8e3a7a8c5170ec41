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
        public readonly FakeDirectionPins Pins = new();
        public readonly SimulatedClock Clock = new();
        public readonly TelemetryRing Telemetry = new(1 << 14);
        public readonly BalanceController Controller;
        public readonly FixedRateLoop Loop;
        public bool EStop;
        /// <summary>Encoder counts per tick while the motor drives forward (negative: wired in reverse).</summary>
        public int CountsPerDrivenTick = 3;
        int _noise, _count;

        public Rig(IActionSource? actions = null)
        {
            var faults = new FaultSet();
            var motor = new MotorGate(new HBridgeMotor(Pwm, Pins, dutyLimit: 0.8), faults);
            var supervisor = new SafetySupervisor(new SupervisorLimits(), faults);
            Controller = new BalanceController(new Mpu6050BurstReader(Imu), new As5600(Encoder), motor, ImuMounting.Default,
                new StateEstimator(0.05), actions ?? new PolicyActions(BaselinePolicy.Lqr()), supervisor, Telemetry, () => EStop, Clock);
            Loop = new FixedRateLoop(Clock, 200);
            Encoder.Registers[0x0B] = 0x20; // STATUS: magnet detected
            Tilt(0);
        }

        /// <summary>Arms (preflight, reset) and runs through the direction pulse and the hold: Running after this.</summary>
        public void ArmAndRun(int ticks = 260)
        {
            Run(10);
            Assert.True(Controller.Arm(null), Controller.Supervisor.ArmRefusal);
            Run(ticks);
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
            _count = count;
            this.Encoder.Registers[0x0C] = (byte)(count >> 8);
            this.Encoder.Registers[0x0D] = (byte)count;
        }

        void Put(int register, short value)
        {
            Imu.Registers[register] = (byte)(value >> 8);
            Imu.Registers[register + 1] = (byte)value;
        }

        public void Run(int ticks, double pitch = 0) =>
            Loop.Run((k, dt, overran) =>
            {
                Tilt(pitch);
                // The wheel turns under the direction pulse (the test's motor model: a few counts a tick).
                if (Pwm.Running && Pwm.DutyCycle > 0 && Pins.Last == (true, false) && Controller.Supervisor.State == SupervisorState.Arming)
                    EncoderCount((_count + CountsPerDrivenTick + 4096) % 4096);
                Controller.Tick(k, dt, overran);
            }, CancellationToken.None, ticks);
    }

    [Fact]
    public void ArmsWhenHeldUprightThenDrivesTheMotorWithoutAllocating()
    {
        var rig = new Rig();
        rig.ArmAndRun(); // the direction pulse, then 1 s upright and still
        Assert.Equal(SupervisorState.Running, rig.Controller.Supervisor.State);

        // The controller's own ticks (the test's loop closure and fake PWM history stay out of the count).
        rig.Pwm.RecordHistory = false;
        rig.Tilt(0.02);
        rig.Controller.Tick(0, 0.005, false);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int k = 1; k <= 1000; k++)
        {
            rig.Tilt(0.02);
            rig.Clock.Advance(5_000_000);
            rig.Controller.Tick(k, 0.005, false);
        }
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(0, allocated);
        Assert.True(rig.Pwm.DutyCycle > 0, "a forward lean must drive the wheel");
        Assert.True(rig.Telemetry.TryRead(out var first));
        Assert.Equal(0, first.Tick);
    }

    /// <summary>A policy that balances, then gives NaN from 0.5 s of running.</summary>
    sealed class NaNAfterHalfASecond : IActionSource
    {
        readonly PolicyActions _lqr = new(BaselinePolicy.Lqr());
        public bool Act(float[] observation, double secondsRunning, float[] action)
        {
            bool ok = _lqr.Act(observation, secondsRunning, action);
            if (secondsRunning > 0.5) action[0] = float.NaN;
            return ok;
        }
        public bool IsFinished(double secondsRunning) => false;
        public bool Drives => false;
    }

    /// <summary>The first tick whose action is not finite faults non_finite_action and drives nothing.</summary>
    [Fact]
    public void ANonFiniteActionFaultsOnItsFirstTickAndDrivesNothing()
    {
        var rig = new Rig(new NaNAfterHalfASecond());
        rig.ArmAndRun();
        Assert.Equal(SupervisorState.Running, rig.Controller.Supervisor.State);
        while (rig.Telemetry.TryRead(out _)) { }
        for (int k = 0; k < 200 && !rig.Controller.Faults.Any; k++)
        {
            rig.Run(1, pitch: 0.01);
            Assert.True(rig.Telemetry.TryRead(out var tick));
            Assert.Equal(float.IsNaN(tick.Action), rig.Controller.Faults.Has(FaultCause.NonFiniteAction));
        }
        Assert.Equal(FaultCause.NonFiniteAction, rig.Controller.Faults.Active);
        Assert.Equal(0, rig.Pwm.DutyCycle);
        Assert.False(rig.Pwm.Running);
    }

    /// <summary>
    /// A tick with no time since the last (a clock that did not move): the estimator's wheel speed is
    /// zero counts over zero seconds, NaN. That tick faults non_finite_observation, and the policy's
    /// answer to it never reaches the motor.
    /// </summary>
    [Fact]
    public void ANonFiniteObservationFaultsOnItsTickAndDrivesNothing()
    {
        var rig = new Rig();
        rig.ArmAndRun();
        Assert.Equal(SupervisorState.Running, rig.Controller.Supervisor.State);
        rig.Run(10, pitch: 0.01);
        Assert.False(rig.Controller.Faults.Any);
        while (rig.Telemetry.TryRead(out _)) { }
        rig.Controller.Tick(1000, 0, false);
        Assert.True(rig.Telemetry.TryRead(out var tick));
        Assert.False(float.IsFinite(tick.Velocity));
        Assert.Equal(FaultCause.NonFiniteObservation, rig.Controller.Faults.Active);
        Assert.Equal(0, rig.Pwm.DutyCycle);
        Assert.False(rig.Pwm.Running);
    }

    /// <summary>The tick whose estimate first passes the tilt limit faults and cuts, that same tick.</summary>
    [Fact]
    public void TiltBeyondTheLimitCutsTheMotorWithinOneTick()
    {
        var rig = new Rig();
        rig.ArmAndRun();
        while (rig.Telemetry.TryRead(out _)) { }
        for (int k = 0; k < 400 && !rig.Controller.Faults.Any; k++)
        {
            rig.Run(1, pitch: 0.9); // the complementary filter needs a moment to see it
            Assert.True(rig.Telemetry.TryRead(out var tick));
            bool beyond = Math.Abs(tick.Pitch) > rig.Controller.Supervisor.Limits.TiltLimit;
            Assert.Equal(beyond, rig.Controller.Faults.Has(FaultCause.Tilt));
            if (beyond) Assert.Equal(0, rig.Pwm.DutyCycle);
        }
        Assert.Equal(SupervisorState.Faulted, rig.Controller.Supervisor.State);
        Assert.True(rig.Controller.Faults.Has(FaultCause.Tilt));
        Assert.Equal(0, rig.Pwm.DutyCycle);
    }

    [Fact]
    public void I2cFailuresAndEStopFaultAndStopTheMotor()
    {
        var rig = new Rig();
        rig.ArmAndRun();
        rig.Imu.Nack = true;
        rig.Run(3);
        Assert.Equal(FaultCause.ImuReadFailures, rig.Controller.Supervisor.LastFault.Cause);
        Assert.Equal(0, rig.Pwm.DutyCycle);
        Assert.False(rig.Pwm.Running);

        var other = new Rig();
        other.ArmAndRun();
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
        var e = Assert.Throws<Robot.Policy.PolicyFormatException>(() => new PolicyActions(cartpoleLike));
        Assert.Equal(Robot.Policy.PolicyError.SpecMismatch, e.Reason);
    }

    [Fact]
    public void AnEncoderJumpNoWheelCanMakeIsRejectedAndARunOfThemFaults()
    {
        var rig = new Rig();
        rig.EncoderCount(100);
        rig.ArmAndRun();
        rig.EncoderCount(100);
        rig.Run(2);
        Assert.Equal(SupervisorState.Running, rig.Controller.Supervisor.State);
        TickRecord before = default;
        while (rig.Telemetry.TryRead(out var r)) before = r;
        rig.EncoderCount(2100); // half a turn in 5 ms: a glitch
        rig.Run(1);
        rig.EncoderCount(104); // a plausible step from the last good count
        rig.Run(1);
        Assert.Equal(SupervisorState.Running, rig.Controller.Supervisor.State);
        Assert.True(rig.Telemetry.TryRead(out var glitch));
        Assert.True(rig.Telemetry.TryRead(out var good));
        Assert.Equal(2100, glitch.Encoder);
        Assert.True(Math.Abs(glitch.Position - before.Position) < 1e-4, $"the glitch moved the estimate from {before.Position} to {glitch.Position} m");
        Assert.True(Math.Abs(good.Position - before.Position - 4 * 2 * Math.PI / 4096 * 0.05) < 2e-4, $"position after a good read: {good.Position} m");

        rig.EncoderCount(3000); // and stays there: every read is implausible against the last good count
        rig.Run(3);
        Assert.Equal(SupervisorState.Faulted, rig.Controller.Supervisor.State);
        Assert.Equal(FaultCause.EncoderReadFailures, rig.Controller.Supervisor.LastFault.Cause);
    }
}
