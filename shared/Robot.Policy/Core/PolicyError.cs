namespace Robot.Policy
{
    /// <summary>Why a policy file was refused.</summary>
    public enum PolicyError
    {
        BadMagic = 1,
        UnsupportedVersion = 2,
        Truncated = 3,
        LengthMismatch = 4,
        ChecksumMismatch = 5,
        MissingSection = 6,
        DuplicateSection = 7,
        UnknownSection = 8,
        SizeOutOfRange = 9,
        LayersDoNotChain = 10,
        NonFiniteValue = 11,
        InvalidValue = 12,
        BadString = 13,
        SpecMismatch = 14,
    }

    /// <summary>The one exception the reader throws: a policy file it refuses, and why.</summary>
    public class PolicyFormatException : System.Exception
    {
        public PolicyFormatException(PolicyError reason, string message) : base(message)
        {
            Reason = reason;
        }

        public PolicyError Reason { get; private set; }
    }
}
