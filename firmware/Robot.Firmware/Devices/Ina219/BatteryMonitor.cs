using System.Device.I2c;
using Iot.Device.Adc;

namespace Robot.Firmware.Devices.Ina219;

/// <summary>
/// The battery voltage from a TI INA219 on the battery's positive lead (datasheet SBOS448G).
/// Setup goes through the official binding (Iot.Device.Adc.Ina219: reset, 16 V range, 32-sample
/// averaging of the bus voltage, continuous conversion). The loop reads the BUS VOLTAGE register
/// (0x02: bits 15-3, 4 mV per count) in one transfer and does not wait: in continuous mode the
/// register always holds the latest average, whereas the binding's ReadBusVoltage waits out a
/// whole conversion (17 ms at 32 samples) on every call. Allocation-free.
/// </summary>
public sealed class BatteryMonitor(I2cDevice device, double shuntOhms = BatteryMonitor.DefaultShuntOhms)
{
    public const int DefaultAddress = 0x40;
    public const byte ShuntVoltageRegister = 0x01, BusVoltageRegister = 0x02;
    /// <summary>The 0.1 ohm shunt common INA219 boards carry (R100).</summary>
    public const double DefaultShuntOhms = 0.1;
    /// <summary>SHUNT VOLTAGE register: signed, 10 uV per count.</summary>
    public const double ShuntVoltsPerCount = 10e-6;

    readonly byte[] _pointer = [BusVoltageRegister];
    readonly byte[] _data = new byte[2];

    public static void Configure(I2cDevice device)
    {
        var chip = new Iot.Device.Adc.Ina219(device); // does not dispose the device
        chip.Reset();
        chip.BusVoltageRange = Ina219BusVoltageRange.Range16v; // a 3S pack peaks at 12.6 V
        chip.BusAdcResolutionOrSamples = Ina219AdcResolutionOrSamples.Adc32Sample;
        chip.OperatingMode = Ina219OperatingMode.ShuntAndBusContinuous;
    }

    /// <summary>The bus voltage, V.</summary>
    public double ReadVolts()
    {
        _pointer[0] = BusVoltageRegister;
        device.WriteRead(_pointer, _data);
        int raw = (_data[0] << 8) | _data[1];
        return (raw >> 3) * 0.004;
    }

    /// <summary>The current through the shunt, A (positive from the battery), from the SHUNT VOLTAGE register.</summary>
    public double ReadAmps()
    {
        _pointer[0] = ShuntVoltageRegister;
        device.WriteRead(_pointer, _data);
        short raw = (short)((_data[0] << 8) | _data[1]);
        return raw * ShuntVoltsPerCount / shuntOhms;
    }
}
