using System.Security.Cryptography;
using System.Text;

namespace Robot.Firmware.GroundStation;

/// <summary>
/// The secret that commands to the robot must carry (HTTP header "Authorization: Bearer TOKEN"):
/// made at the first start from 32 random bytes, kept in a file only its owner can read or write
/// (mode 600), printed on the console. A token file that others can read is refused rather than trusted.
/// </summary>
public sealed class AccessToken
{
    const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    readonly byte[] _value;

    AccessToken(string value) => _value = Encoding.ASCII.GetBytes(value);

    public string Value => Encoding.ASCII.GetString(_value);

    /// <summary>Reads the token at <paramref name="path"/>, or makes one there; <paramref name="created"/> says which.</summary>
    public static AccessToken LoadOrCreate(string path, out bool created)
    {
        created = !File.Exists(path);
        if (created)
        {
            string fresh = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows()) options.UnixCreateMode = OwnerOnly;
            using (var file = new StreamWriter(path, Encoding.ASCII, options)) file.Write(fresh);
            return new AccessToken(fresh);
        }
        if (!OperatingSystem.IsWindows() && (File.GetUnixFileMode(path) & ~(OwnerOnly | UnixFileMode.UserExecute)) != 0)
            throw new Robot.Cli.InputException($"the ground station's token file '{path}' can be read by others ({File.GetUnixFileMode(path)}): chmod 600 it, or delete it for a new token");
        string value = File.ReadAllText(path).Trim();
        if (value.Length < 32 || !value.All(char.IsAsciiLetterOrDigit))
            throw new Robot.Cli.InputException($"the ground station's token file '{path}' holds no usable token (delete it for a new one)");
        return new AccessToken(value);
    }

    /// <summary>True for the right token, in a time that does not depend on how much of it was right.</summary>
    public bool Accepts(string? presented) =>
        presented is not null && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(presented), _value);

    /// <summary>The token from an Authorization header ("Bearer TOKEN"), or null.</summary>
    public static string? FromHeader(string? authorization) =>
        authorization is not null && authorization.StartsWith("Bearer ", StringComparison.Ordinal) ? authorization["Bearer ".Length..].Trim() : null;
}
