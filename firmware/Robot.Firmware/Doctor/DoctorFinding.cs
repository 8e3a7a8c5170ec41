namespace Robot.Firmware.Doctor;

/// <summary>One line of `robot-firmware doctor`'s report: what was checked, what was found, and the fix when it failed.</summary>
public sealed record DoctorFinding(string Check, bool Ok, string Detail, string? Fix = null)
{
    public static DoctorFinding Pass(string check, string detail) => new(check, true, detail);
    public static DoctorFinding Fail(string check, string detail, string fix) => new(check, false, detail, fix);
}
