// Core of the policy runtime: compiles for .NET 10 and for .NET nanoFramework (see
// shared/Robot.Policy.Nano), so it uses only arrays, loops and mscorlib basics:
// no generics, LINQ, Span, System.Math or string interpolation.
namespace Robot.Policy
{
    /// <summary>
    /// Constants of the policy file format (docs/policy-format.md). Version 1: dense layers over named,
    /// normalized observations. Version 2 adds policies that see pictures: an image section and a
    /// convolutions section. Version 3 is version 2 with two more activations (sigmoid, ELU). A writer
    /// writes the lowest version that can hold the policy, so every version-1 and version-2 file stays
    /// byte for byte what it was; readers read all three.
    /// </summary>
    public static class PolicyFormat
    {
        /// <summary>"RPOL" as bytes.</summary>
        public const byte Magic0 = 0x52, Magic1 = 0x50, Magic2 = 0x4F, Magic3 = 0x4C;
        public const int Version = 1;
        /// <summary>The version of files whose policy sees pictures.</summary>
        public const int ImageVersion = 2;
        /// <summary>The version of files whose layers use <see cref="Activation.Sigmoid"/> or <see cref="Activation.Elu"/>.</summary>
        public const int ActivationsVersion = 3;
        public const int HeaderSize = 12;
        public const int SectionHeaderSize = 8;
        public const int ChecksumSize = 4;

        public const int TagSpec = 1;
        public const int TagNormalization = 2;
        public const int TagLayers = 3;
        public const int TagMetadata = 4;
        /// <summary>Version 2: the picture the observation is (frames, height, width, scale).</summary>
        public const int TagImage = 5;
        /// <summary>Version 2: the convolutions run on the picture before the dense layers.</summary>
        public const int TagConvolutions = 6;
        /// <summary>Version 2 spec flag: the observation is the image section's picture (no names, no normalization section).</summary>
        public const int SpecFlagImage = 1;
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
        public const int MaxImageValues = 65535;
        public const int MaxImageSide = 1024;
        public const int MaxChannels = 256;
        public const int MaxKernel = 15;
        public const int MaxStride = 8;
        public const int MaxPadding = 7;
        public const int MaxConvolutions = 8;
        /// <summary>Values one convolution may read or write (sizes the workspace).</summary>
        public const int MaxActivations = 1 << 20;
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
        /// <summary>Version 3: 1 / (1 + e^-x).</summary>
        Sigmoid = 3,
        /// <summary>Version 3: x for x &gt; 0, e^x - 1 otherwise (alpha 1).</summary>
        Elu = 4,
    }

    /// <summary>Layer kinds. Only dense layers exist in version 1.</summary>
    public enum LayerKind
    {
        Dense = 1,
    }
}
