// Core of the policy runtime: compiles for .NET 10 and for .NET nanoFramework (see
// shared/Robot.Policy.Nano), so it uses only arrays, loops and mscorlib basics:
// no generics, LINQ, Span, System.Math or string interpolation.
namespace Robot.Policy
{
    /// <summary>Constants of the policy file format, version 1 (docs/policy-format.md).</summary>
    public static class PolicyFormat
    {
        /// <summary>"RPOL" as bytes.</summary>
        public const byte Magic0 = 0x52, Magic1 = 0x50, Magic2 = 0x4F, Magic3 = 0x4C;
        public const int Version = 1;
        public const int HeaderSize = 12;
        public const int SectionHeaderSize = 8;
        public const int ChecksumSize = 4;

        public const int TagSpec = 1;
        public const int TagNormalization = 2;
        public const int TagLayers = 3;
        public const int TagMetadata = 4;
        /// <summary>Sections whose tag has this bit are optional: a reader that does not know them skips them.</summary>
        public const int OptionalTagBit = 0x8000;

        // Limits: a header can never make a reader allocate more than these allow.
        public const int MaxFileBytes = 16 * 1024 * 1024;
        public const int MaxObservationSize = 1024;
        public const int MaxActionSize = 256;
        public const int MaxLayers = 32;
        public const int MaxLayerWidth = 4096;
        public const int MaxParameters = 4 * 1024 * 1024;
        public const int MaxStringBytes = 256;
        public const int MaxMetadataEntries = 128;
    }

    /// <summary>Whether the policy picks one of N actions or outputs N real values.</summary>
    public enum ActionKind
    {
        Discrete = 0,
        Continuous = 1,
    }

    /// <summary>How a continuous network output y becomes the action: clip(scale*y + offset) or clip(scale*tanh(y) + offset).</summary>
    public enum OutputTransform
    {
        Clip = 0,
        TanhSquash = 1,
    }

    public enum Activation
    {
        Identity = 0,
        Tanh = 1,
        Relu = 2,
    }

    /// <summary>Layer kinds. Only dense layers exist in version 1.</summary>
    public enum LayerKind
    {
        Dense = 1,
    }
}
