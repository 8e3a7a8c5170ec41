namespace Robot.Hil.Simulation;

/// <summary>The true plant every control period, as the rig (not the firmware) sees it.</summary>
public readonly record struct TraceSample(double Time, double Pitch, double Position, double Duty, double BatteryVoltage, bool Held, double Velocity = 0);
