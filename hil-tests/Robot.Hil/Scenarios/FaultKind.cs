namespace Robot.Hil.Scenarios;

/// <summary>What goes wrong during a fault window (docs/hil.md describes each and its "value").</summary>
public enum FaultKind
{
    /// <summary>The MPU-6050 does not acknowledge: every transfer fails.</summary>
    ImuNack,
    /// <summary>The MPU-6050 holds the bus (clock stretching) for value ms, then the transfer fails.</summary>
    ImuTimeout,
    /// <summary>The MPU-6050's data registers stop updating.</summary>
    ImuFrozen,
    /// <summary>Every IMU reading pinned at full scale (a shock, or a broken chip).</summary>
    ImuSaturated,
    /// <summary>IMU noise multiplied by value.</summary>
    ImuNoisy,
    /// <summary>The AS5600 does not acknowledge.</summary>
    EncoderNack,
    /// <summary>Each encoder read returns a random angle with probability value.</summary>
    EncoderGlitch,
    /// <summary>The INA219 battery monitor does not acknowledge (when the robot has one).</summary>
    BatteryMonitorNack,
    /// <summary>The battery sags to value volts.</summary>
    BatterySag,
    /// <summary>Each IMU transfer stalls value ms (clock stretching), so ticks overrun their period.</summary>
    LoopOverrun,
    /// <summary>The e-stop input reads active.</summary>
    EStop,
}
