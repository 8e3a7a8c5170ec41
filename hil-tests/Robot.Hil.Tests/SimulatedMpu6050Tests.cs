using Robot.Firmware.Testing;
using Iot.Device.Imu;
using Robot.Firmware.Loop;
using Robot.Hil.Scenarios;
using Robot.Hil.Simulation;

namespace Robot.Hil.Tests;

/// <summary>The simulated MPU-6050's fidelity: the official binding must work against it unchanged and read the physics right.</summary>
public class SimulatedMpu6050Tests
{
    static (SimulatedMpu6050 Chip, SimulatedClock Clock) Held(double pitch, double noise = 0, double gyroBiasDps = 0)
    {
        var clock = new SimulatedClock();
        var scenario = new Scenario { Initial = new InitialState { Pitch = pitch, Release = 100 }, Imu = new ImuImperfections { NoiseScale = noise, GyroBiasDegPerSecond = gyroBiasDps } };
        var world = new SimulatedWorld(scenario, new LockstepTime(clock), 0.005);
        return (new SimulatedMpu6050(world, 1, 0x68, scenario.Imu, seed: 1), clock);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.2)]
    [InlineData(-0.35)]
    public void TheOfficialBindingInitializesItAndReadsGravityAtThePitchItIsHeldAt(double pitch)
    {
        var (chip, clock) = Held(pitch);
        var imu = new Mpu6050(chip); // resets, wakes, checks WHO_AM_I, writes and reads back 0x1A-0x1D
        Assert.False(chip.Asleep);
        Assert.Equal(AccelerometerRange.Range02G, imu.AccelerometerRange);
        Assert.Equal(GyroscopeRange.Range0250Dps, imu.GyroscopeRange);
        imu.SampleRateDivider = 0; // the binding divides readings by 1 + SMPLRT_DIV
        clock.Advance(10_000_000);
        var a = imu.GetAccelerometer(); // m/s^2, chip X forward, Z up
        double g = 9.81;
        Assert.Equal(-g * Math.Sin(pitch), a.X, 0.01);
        Assert.Equal(0, a.Y, 0.01);
        Assert.Equal(g * Math.Cos(pitch), a.Z, 0.01);
        var w = imu.GetGyroscopeReading(); // held still
        Assert.Equal(0, w.Length(), 0.01);
    }

    [Fact]
    public void GyroBiasAndFullScaleRangeShowUpAsTheDatasheetSays()
    {
        var (chip, clock) = Held(0, gyroBiasDps: 2.0);
        var imu = new Mpu6050(chip);
        imu.SampleRateDivider = 0;
        clock.Advance(5_000_000);
        Assert.Equal(2.0, imu.GetGyroscopeReading().Y, 0.01);
        imu.AccelerometerRange = AccelerometerRange.Range08G; // 4096 LSB/g: the same gravity, a quarter of the counts
        imu.GyroscopeRange = GyroscopeRange.Range2000Dps;
        clock.Advance(5_000_000);
        Assert.Equal(9.81, imu.GetAccelerometer().Z, 0.02);
        Assert.Equal(2.0, imu.GetGyroscopeReading().Y, 0.05);
        var raw = new byte[2];
        chip.WriteRead([0x3F], raw);
        Assert.InRange((short)(raw[0] << 8 | raw[1]), 4086, 4106);
    }

    [Fact]
    public void ResetValuesPointerPersistenceAndAutoIncrementFollowTheRegisterMap()
    {
        var (chip, _) = Held(0);
        var one = new byte[1];
        chip.WriteRead([0x6B], one);
        Assert.Equal(0x40, one[0]); // PWR_MGMT_1 resets to sleep
        chip.WriteRead([0x75], one);
        Assert.Equal(0x68, one[0]); // WHO_AM_I
        chip.Write([0x19, 0x07, 0x03]); // SMPLRT_DIV then CONFIG, one write, auto-increment
        chip.WriteByte(0x19);
        var two = new byte[2];
        chip.Read(two); // the pointer set by the previous transfer persists
        Assert.Equal(new byte[] { 0x07, 0x03 }, two);
        chip.Write([0x6B, 0x80]); // DEVICE_RESET
        chip.WriteRead([0x19], two);
        Assert.Equal(new byte[] { 0, 0 }, two);
        chip.Write([0x75, 0x00]); // read-only
        chip.WriteRead([0x75], one);
        Assert.Equal(0x68, one[0]);
    }

    [Fact]
    public void ABurstComesFromOneSamplingInstantAndAsleepTheDataDoesNotMove()
    {
        var (chip, clock) = Held(0.1, noise: 1);
        var burst = new byte[14];
        chip.WriteRead([0x3B], burst);
        Assert.All(burst, b => Assert.Equal(0, b)); // asleep after reset: no samples
        chip.Write([0x6B, 0x01]); // wake on the gyro clock
        chip.Write([0x1A, 0x03]); // DLPF 42 Hz: 1 kHz sampling
        clock.Advance(3_000_000);
        chip.WriteRead([0x3B], burst);
        var again = new byte[14];
        chip.WriteRead([0x3B], again); // the same millisecond: the same sample, byte for byte
        Assert.Equal(burst, again);
        clock.Advance(1_000_000);
        chip.WriteRead([0x3B], again);
        Assert.NotEqual(burst, again); // a new sample, new noise
    }

    [Fact]
    public void TheBurstReadCostsLessBusTimeThanTheBindingsTwoReads()
    {
        // Bus time is simulated time here, so this is exact, not a timing test: the loop's path
        // (one 14-byte transfer) against the binding's (pointer write, read, and a SMPLRT_DIV read for the scale, twice).
        var (chip, clock) = Held(0.1);
        var imu = new Mpu6050(chip);
        imu.SampleRateDivider = 0;
        long start = clock.NowNanoseconds;
        _ = imu.GetAccelerometer();
        _ = imu.GetGyroscopeReading();
        long binding = clock.NowNanoseconds - start;
        start = clock.NowNanoseconds;
        _ = new Robot.Firmware.Devices.Mpu6050.Mpu6050BurstReader(chip).Read();
        long burst = clock.NowNanoseconds - start;
        Assert.Equal(SimulatedI2cDevice.TransferOverheadNanoseconds + 17 * SimulatedI2cDevice.ByteNanoseconds, burst); // address, pointer, address again, 14 data bytes
        Assert.True(burst * 1.5 < binding, $"burst {burst / 1000} us, binding {binding / 1000} us");
    }

    [Fact]
    public void TheOfficialIna219BindingReadsTheSimulatedBatteryVoltage()
    {
        var clock = new SimulatedClock();
        var world = new SimulatedWorld(new Scenario { Plant = new Robot.Dynamics.Plant.UniwheelParameters { BatteryVoltage = 11.37 } }, new LockstepTime(clock), 0.005);
        var chip = new SimulatedIna219(world, 1, 0x40, seed: 1);
        var ina = new Iot.Device.Adc.Ina219(chip);
        ina.Reset();
        ina.BusVoltageRange = Iot.Device.Adc.Ina219BusVoltageRange.Range16v;
        Assert.Equal(Iot.Device.Adc.Ina219BusVoltageRange.Range16v, ina.BusVoltageRange); // written and read back as 16-bit big-endian
        Assert.Equal(11.37, ina.ReadBusVoltage().Volts, 0.008);
        var monitor = new Robot.Firmware.Devices.Ina219.BatteryMonitor(chip, SimulatedIna219.ShuntOhms);
        Assert.Equal(11.37, monitor.ReadVolts(), 0.008); // the loop's own one-transfer read (one count of noise)
    }
}
