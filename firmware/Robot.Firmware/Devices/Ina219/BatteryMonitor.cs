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
public sealed class BatteryMonitor(I2cDevice device)
{
    public const int DefaultAddress = 0x40;
    public const byte BusVoltageRegister = 0x02;

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
        device.WriteRead(_pointer, _data);
        int raw = (_data[0] << 8) | _data[1];
        return (raw >> 3) * 0.004;
    }
}
