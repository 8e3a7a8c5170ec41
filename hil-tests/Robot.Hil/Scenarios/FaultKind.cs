namespace Robot.Hil.Scenarios;

/// <summary>What goes wrong during a fault window (docs/hil.md describes each and its "value").</summary>
public enum FaultKind
{
    /// <summary>The MPU-6050 does not acknowledge: every transfer fails.</summary>
    ImuNack,
    /// <summary>The MPU-6050 holds the bus (clock stretching) for value ms, then the transfer fails (Linux's adapter gives up after about 1000 ms).</summary>
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
    /// <summary>The MPU-6050 holds the bus until the window ends (or the run does): the transfer never returns.</summary>
    ImuBusStuck,
    /// <summary>The MPU-6050 resets (a brown-out): every register back to its reset value, asleep, at the window's start.</summary>
    ImuReset,
    /// <summary>Only the gyroscope's pitch axis pinned at full scale.</summary>
    GyroSaturated,
    /// <summary>The AS5600's magnet gone: STATUS says not detected, too weak; the angle reads noise.</summary>
    MagnetLost,
    /// <summary>The motor's two wires swapped: the wheel turns against the commanded direction.</summary>
    MotorReversed,
    /// <summary>The encoder mounted the other way round: it counts backward (mirrored about 0: mid-run, the count jumps).</summary>
    EncoderReversed,
    /// <summary>The encoder starts counting backward from where it is (as a reversal while the count crosses 0 would): no jump.</summary>
    EncoderReversedInPlace,
    /// <summary>The gearbox jams: the wheel cannot turn relative to the body.</summary>
    WheelJammed,
    /// <summary>
    /// A person picks the robot up by its body: held still at the pitch it had (or at value rad: tilted as it is lifted), the wheel in the air.
    /// When the window ends it is set down on its wheel and held upright at the initial pitch until the
    /// firmware drives again for the reaction time (an operator's clear and arm, say).
    /// </summary>
    WheelLifted,
    /// <summary>The INA219's result registers stop updating, stuck at their last (plausible) values.</summary>
    BatteryMonitorStuck,
    /// <summary>The heartbeat circuit is dead (unpowered, or its input not wired): its output, the driver's enable and the readback stay low whatever the pin does.</summary>
    HeartbeatDead,
}
