namespace Robot.Firmware.Devices.As5600;

/// <summary>AS5600 register map (ams datasheet v1-06, figure 21). Multi-byte values are big-endian; the pointer auto-increments.</summary>
public enum As5600Register : byte
{
    Zmco = 0x00,
    ZeroPositionHigh = 0x01,
    ZeroPositionLow = 0x02,
    MaxPositionHigh = 0x03,
    MaxPositionLow = 0x04,
    MaxAngleHigh = 0x05,
    MaxAngleLow = 0x06,
    ConfigHigh = 0x07,
    ConfigLow = 0x08,
    /// <summary>RAW ANGLE bits 11:8 (unscaled, unmodified by ZPOS/MPOS).</summary>
    RawAngleHigh = 0x0C,
    RawAngleLow = 0x0D,
    AngleHigh = 0x0E,
    AngleLow = 0x0F,
    /// <summary>STATUS: MH (bit 3) magnet too strong, ML (bit 4) too weak, MD (bit 5) detected.</summary>
    Status = 0x0B,
    Agc = 0x1A,
    MagnitudeHigh = 0x1B,
    MagnitudeLow = 0x1C,
}

/// <summary>The STATUS register's magnet flags.</summary>
[Flags]
public enum MagnetStatus : byte
{
    None = 0,
    TooStrong = 0x08,
    TooWeak = 0x10,
    Detected = 0x20,
}
