using System.Device.Gpio;
using Robot.Firmware.Configuration;
using Robot.Firmware.Devices.As5600;
using Robot.Firmware.Devices.Ina219;
using Robot.Firmware.Devices.Mpu6050;
using Robot.Firmware.Hardware;
using Robot.Firmware.Runtime;

namespace Robot.Firmware.Doctor;

/// <summary>
/// Every device at its configured address, each on its own (one that fails does not hide the
/// next): the IMU's identity and 1 g at rest, the encoder's magnet, the battery monitor and the
/// pack's voltage, the e-stop's state. Never opens the motor's PWM or pins: nothing moves.
/// </summary>
public static class DeviceDoctor
{
    public static IReadOnlyList<DoctorFinding> Check(RobotConfig config, IRobotHardware hardware)
    {
        string bus = $"I2C bus {config.I2c.Bus}";
        var findings = new List<DoctorFinding>
        {
            Probe("IMU", $"MPU-6050 at 0x{config.Imu.Address:x2} on {bus}", "check its wiring (SDA, SCL, 3V3, GND) and AD0 (to GND for 0x68); i2cdetect -y 1 lists what answers", () =>
            {
                var device = hardware.OpenI2c(config.I2c.Bus, config.Imu.Address);
                Mpu6050Setup.Configure(device, config.Imu.FilterHz);
                return SensorSanity.Gravity(new Mpu6050BurstReader(device).Read(), config.Imu.Orientation()) is string problem
                    ? throw new DoctorProblem(problem, "mount the IMU as docs/deploy.md says, or describe its axes in imu.mounting")
                    : "answers, about 1 g at rest";
            }),
            Probe("encoder", $"AS5600 at 0x{config.Encoder.Address:x2} on {bus}", "check its wiring and that DIR is tied to GND", () =>
            {
                var encoder = new As5600(hardware.OpenI2c(config.I2c.Bus, config.Encoder.Address));
                var status = encoder.ReadMagnetStatus();
                return SensorSanity.Magnet(status) is string problem
                    ? throw new DoctorProblem(problem, "a diametric magnet centred on the axle, 1-2 mm from the chip")
                    : $"answers, magnet in place, angle {encoder.ReadRawAngle()} of 4096";
            }),
        };
        if (config.Battery.MonitorAddress is int battery)
            findings.Add(Probe("battery monitor", $"INA219 at 0x{battery:x2} on {bus}", "check its wiring, or leave battery.monitor_address out of robot.json", () =>
            {
                var device = hardware.OpenI2c(config.I2c.Bus, battery);
                BatteryMonitor.Configure(device, config.Battery.ShuntOhms, config.Limits().MaxCurrent);
                double volts = new BatteryMonitor(device, config.Battery.ShuntOhms, config.Limits().MaxCurrent).ReadVolts();
                return volts < config.Limits().LowBatteryVoltage
                    ? throw new DoctorProblem($"the pack reads {volts:F2} V, below limits.low_battery_voltage {config.Limits().LowBatteryVoltage:F2} V",
                        "charge it, or set limits.low_battery_voltage for your pack (3.0 V a cell: 6.0 for 2S, 9.0 for 3S)")
                    : $"answers, pack at {volts:F2} V";
            }));
        findings.Add(Probe("e-stop", $"GPIO {config.EStop.Pin}", "check the GPIO is free (no other program holds it)", () =>
        {
            var gpio = hardware.Gpio;
            gpio.OpenPin(config.EStop.Pin, PinMode.InputPullUp);
            return gpio.Read(config.EStop.Pin) == PinValue.High
                ? throw new DoctorProblem("reads pressed (high): the button is pressed, or its wire is cut or not connected",
                    $"release the e-stop; its normally-closed contact goes from GPIO {config.EStop.Pin} to GND")
                : "released (its normally-closed contact holds the input low)";
        }));
        return findings;
    }

    /// <summary>A device that answered, but wrongly: the detail and its fix.</summary>
    sealed class DoctorProblem(string detail, string fix) : Exception(detail)
    {
        public string Fix { get; } = fix;
    }

    static DoctorFinding Probe(string check, string where, string wiringFix, Func<string> probe)
    {
        try { return DoctorFinding.Pass(check, $"{where}: {probe()}"); }
        catch (DoctorProblem e) { return DoctorFinding.Fail(check, $"{where}: {e.Message}", e.Fix); }
        catch (IOException e) { return DoctorFinding.Fail(check, $"{where} does not answer: {e.Message}", wiringFix); }
        catch (UnauthorizedAccessException e) { return DoctorFinding.Fail(check, $"{where}: {e.Message}", "add the user to the i2c and gpio groups (doctor's group lines say which)"); }
    }
}
