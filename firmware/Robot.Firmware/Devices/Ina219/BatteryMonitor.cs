using System.Device.I2c;
using Iot.Device.Adc;

namespace Robot.Firmware.Devices.Ina219;

/// <summary>
/// The battery voltage and current from a TI INA219 on the battery's positive lead (datasheet
/// SBOS448G). Setup goes through the official binding (Iot.Device.Adc.Ina219: reset, 16 V range,
/// 32-sample averaging of the bus voltage, continuous conversion, then the shunt range and the
/// calibration for this shunt and current limit: <see cref="Range"/>). The loop reads the BUS
/// VOLTAGE (0x02: bits 15-3, 4 mV per count) and CURRENT (0x04) registers in one transfer each and
/// does not wait: in continuous mode they always hold the latest conversion, whereas the binding's
/// readers wait out a whole conversion (17 ms at 32 samples) on every call. Allocation-free.
/// </summary>
public sealed class BatteryMonitor(I2cDevice device, double shuntOhms = BatteryMonitor.DefaultShuntOhms, double maxCurrent = BatteryMonitor.DefaultMaxCurrent)
{
    public const int DefaultAddress = 0x40;
    public const byte ShuntVoltageRegister = 0x01, BusVoltageRegister = 0x02, CurrentRegister = 0x04;
    /// <summary>The 0.1 ohm shunt common INA219 boards carry (R100).</summary>
    public const double DefaultShuntOhms = 0.1;
    /// <summary>robot.json's default limits.max_current: its instant trip (1.5x, 3 A) fits the 0.1 ohm shunt's 3.2 A.</summary>
    public const double DefaultMaxCurrent = 2.0;
    /// <summary>SHUNT VOLTAGE register: signed, 10 uV per count.</summary>
    public const double ShuntVoltsPerCount = 10e-6;
    /// <summary>The shunt ranges the PGA offers (datasheet table 4: gain /1, /2, /4, /8), V.</summary>
    public static readonly double[] ShuntRanges = [0.04, 0.08, 0.16, 0.32];
    static readonly Ina219PgaSensitivity[] Gains =
        [Ina219PgaSensitivity.PlusOrMinus40mv, Ina219PgaSensitivity.PlusOrMinus80mv, Ina219PgaSensitivity.PlusOrMinus160mv, Ina219PgaSensitivity.PlusOrMinus320mv];
    /// <summary>The datasheet's calibration constant (equation 1): Cal = trunc(0.04096 / (Current_LSB x R_shunt)).</summary>
    const double CalibrationScale = 0.04096;

    readonly byte[] _pointer = [BusVoltageRegister];
    readonly byte[] _data = new byte[2];
    readonly double _ampsPerCount = Range(shuntOhms, maxCurrent)!.Value.AmpsPerCount;

    /// <summary>
    /// The shunt range (the smallest that reads the instant trip, 1.5 x the limit, for the best
    /// resolution), the CURRENT register's amps per count (the range over 2^15) and the calibration
    /// value for it; null when even the widest range (0.32 V) cannot read the trip through this shunt.
    /// </summary>
    public static (int Gain, double RangeVolts, double AmpsPerCount, ushort Calibration)? Range(double shuntOhms, double maxCurrent)
    {
        double needed = Safety.Checks.BatteryCheck.InstantTripFactor * maxCurrent * shuntOhms;
        int gain = Array.FindIndex(ShuntRanges, r => r >= needed);
        if (gain < 0) return null;
        double ampsPerCount = ShuntRanges[gain] / shuntOhms / 32768;
        return (gain, ShuntRanges[gain], ampsPerCount, (ushort)Math.Min(0xFFFE, Math.Truncate(CalibrationScale / (ampsPerCount * shuntOhms))));
    }

    /// <summary>The largest limits.max_current this shunt can enforce (its instant trip at the widest range), A.</summary>
    public static double LargestLimit(double shuntOhms) => ShuntRanges[^1] / shuntOhms / Safety.Checks.BatteryCheck.InstantTripFactor;

    public static void Configure(I2cDevice device, double shuntOhms = DefaultShuntOhms, double maxCurrent = DefaultMaxCurrent)
    {
        var range = Range(shuntOhms, maxCurrent) ?? throw new ArgumentOutOfRangeException(nameof(maxCurrent),
            $"limits.max_current {maxCurrent} is beyond what the INA219 reads through {shuntOhms} ohm (at most {LargestLimit(shuntOhms):F2} A)");
        var chip = new Iot.Device.Adc.Ina219(device); // does not dispose the device
        chip.Reset();
        chip.BusVoltageRange = Ina219BusVoltageRange.Range16v; // a 3S pack peaks at 12.6 V
        chip.PgaSensitivity = Gains[range.Gain];
        chip.BusAdcResolutionOrSamples = Ina219AdcResolutionOrSamples.Adc32Sample;
        chip.OperatingMode = Ina219OperatingMode.ShuntAndBusContinuous;
        chip.SetCalibration(range.Calibration, (float)range.AmpsPerCount);
    }

    /// <summary>The bus voltage, V.</summary>
    public double ReadVolts()
    {
        _pointer[0] = BusVoltageRegister;
        device.WriteRead(_pointer, _data);
        int raw = (_data[0] << 8) | _data[1];
        return (raw >> 3) * 0.004;
    }

    /// <summary>The current through the shunt, A (positive from the battery), from the CURRENT register the calibration scales.</summary>
    public double ReadAmps()
    {
        _pointer[0] = CurrentRegister;
        device.WriteRead(_pointer, _data);
        short raw = (short)((_data[0] << 8) | _data[1]);
        return raw * _ampsPerCount;
    }
}
