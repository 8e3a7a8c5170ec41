namespace Robot.Firmware.Devices.Mpu6050;

/// <summary>
/// How the chip sits in the body: which accelerometer axis points forward and which up (along the
/// body), which gyroscope axis measures pitch rate, each with a sign (robot.json, "imu.mounting").
/// The estimator wants forward, up and pitch rate in the body frame of docs/uniwheel-model.md.
/// </summary>
public sealed record ImuMounting(int ForwardAxis, int ForwardSign, int UpAxis, int UpSign, int PitchRateAxis, int PitchRateSign)
{
    /// <summary>Chip X forward, Z up, Y the pitch axis: the layout the simulated robot uses.</summary>
    public static ImuMounting Default { get; } = new(0, 1, 2, 1, 1, 1);

    /// <summary>The problem with this mounting, or null.</summary>
    public string? Validate()
    {
        if (ForwardAxis is < 0 or > 2 || UpAxis is < 0 or > 2 || PitchRateAxis is < 0 or > 2) return "imu axes must be 0 (X), 1 (Y) or 2 (Z)";
        if (ForwardAxis == UpAxis) return "imu forward and up axes must differ";
        // Pitch turns about the axle, which is neither forward nor up: the gyro axis must be the third one.
        if (PitchRateAxis == ForwardAxis || PitchRateAxis == UpAxis) return "imu pitch-rate axis must be the axis that is neither forward nor up (the axle's)";
        if (ForwardSign is not (1 or -1) || UpSign is not (1 or -1) || PitchRateSign is not (1 or -1)) return "imu axis signs must be 1 or -1";
        return null;
    }

    /// <summary>Body-frame forward and up specific force and pitch rate, in counts (saturating at the 16-bit range).</summary>
    public (short Forward, short Up, short PitchRate) ToBody(in Mpu6050Sample s) =>
        (Signed(s.Accel(ForwardAxis), ForwardSign), Signed(s.Accel(UpAxis), UpSign), Signed(s.Gyro(PitchRateAxis), PitchRateSign));

    // -(-32768) does not fit a short: saturate instead of wrapping.
    static short Signed(short value, int sign) => sign > 0 ? value : value == short.MinValue ? short.MaxValue : (short)-value;
}
