using Robot.Dynamics.Plant;
using Robot.Observation;

namespace Robot.Dynamics.Sensors;

/// <summary>
/// One MPU-6050 sample as the chip reports it: signed 16-bit counts of accelerometer X and Z
/// (body forward and body up) and gyroscope Y (pitch rate), scaled as <see cref="Mpu6050Scale"/> says.
/// </summary>
public readonly record struct ImuSample(short AccelX, short AccelZ, short GyroY);

/// <summary>
/// What the IMU senses before its ADC: specific force along body forward and body up, in g, and
/// pitch rate in deg/s, each with bias and noise. A register-level simulation scales these by the
/// full-scale range its registers select.
/// </summary>
public readonly record struct ImuReading(double ForwardG, double UpG, double PitchRateDegPerSecond);

/// <summary>Noise, bias and placement of the simulated IMU; the defaults follow the datasheet.</summary>
public sealed record ImuParameters
{
    /// <summary>Height of the IMU above the wheel axle along the body, m.</summary>
    public double MountHeight { get; init; } = 0.12;
    /// <summary>Accelerometer noise, g RMS: 400 ug/sqrt(Hz) over a 44 Hz filter bandwidth.</summary>
    public double AccelNoiseG { get; init; } = 400e-6 * Math.Sqrt(44);
    /// <summary>Gyroscope noise, deg/s RMS: 0.005 deg/s/sqrt(Hz) over 42 Hz.</summary>
    public double GyroNoiseDegPerSecond { get; init; } = 0.005 * Math.Sqrt(42);
    public double AccelBiasG { get; init; }
    public double GyroBiasDegPerSecond { get; init; }
}

/// <summary>Turns the plant's motion into raw IMU counts: specific force at the mounting point, noise, bias, quantization, saturation.</summary>
public sealed class Mpu6050Model(ImuParameters parameters, UniwheelParameters plant)
{
    public ImuParameters Parameters { get; } = parameters;

    /// <summary>Samples the IMU given the state and its derivative (for the accelerations), at +-2 g and +-250 deg/s.</summary>
    public ImuSample Sample(in UniwheelState s, in UniwheelState derivative, Random rng)
    {
        var p = Parameters;
        var reading = Measure(s, derivative, rng);
        return new ImuSample(Saturate(reading.ForwardG * Mpu6050Scale.AccelLsbPerG), Saturate(reading.UpG * Mpu6050Scale.AccelLsbPerG),
            Saturate(reading.PitchRateDegPerSecond * Mpu6050Scale.GyroLsbPerDegPerSecond));
    }

    /// <summary>The physical reading at the mounting point, with bias and noise, before quantization.</summary>
    public ImuReading Measure(in UniwheelState s, in UniwheelState derivative, Random rng, double noiseScale = 1)
    {
        var p = Parameters;
        double d = p.MountHeight, r = plant.WheelRadius, g = plant.Gravity;
        (double sin, double cos) = Math.SinCos(s.Pitch);
        double pitchAcc = derivative.PitchRate, wheelAcc = derivative.WheelRate;
        // Acceleration of the mounting point (world x forward, z up), then specific force f = a - gravity.
        double ax = r * wheelAcc + d * (cos * pitchAcc - sin * s.PitchRate * s.PitchRate);
        double az = -d * (sin * pitchAcc + cos * s.PitchRate * s.PitchRate);
        double fx = ax, fz = az + g;
        // Into the body frame: body x = (cos, -sin), body z = (sin, cos).
        double fBodyX = fx * cos - fz * sin;
        double fBodyZ = fx * sin + fz * cos;
        double forward = fBodyX / g + p.AccelBiasG + noiseScale * p.AccelNoiseG * GaussianNoise.Next(rng);
        double up = fBodyZ / g + p.AccelBiasG + noiseScale * p.AccelNoiseG * GaussianNoise.Next(rng);
        double rate = s.PitchRate * 180 / Math.PI + p.GyroBiasDegPerSecond + noiseScale * p.GyroNoiseDegPerSecond * GaussianNoise.Next(rng);
        return new ImuReading(forward, up, rate);
    }

    /// <summary>Rounds to the nearest count and saturates at the 16-bit range, as the chip's ADC does.</summary>
    public static short Saturate(double counts) => (short)Math.Clamp(Math.Round(counts), short.MinValue, short.MaxValue);
}
