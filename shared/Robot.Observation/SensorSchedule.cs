namespace Robot.Observation;

/// <summary>
/// Which sensors the control loop reads on which ticks: the IMU and the encoder's angle every tick;
/// the battery monitor and the encoder's magnet status on ticks whose number is a multiple of
/// <see cref="SlowEvery"/>. Telemetry's battery columns change only on those ticks, which is how
/// system identification knows when the current was measured.
/// </summary>
public static class SensorSchedule
{
    public const int SlowEvery = 5;
}
