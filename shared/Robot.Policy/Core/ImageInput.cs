namespace Robot.Policy
{
    /// <summary>
    /// An observation that is a picture: Frames stacked grayscale frames of Height x Width values,
    /// row-major, oldest frame first, each multiplied by Scale before the first convolution (format
    /// version 2's image section). Such a policy has no per-value names or normalization.
    /// </summary>
    public sealed class ImageInput
    {
        public ImageInput(int frames, int height, int width, float scale)
        {
            if (frames < 1 || frames > PolicyFormat.MaxChannels || height < 1 || width < 1
                || height > PolicyFormat.MaxImageSide || width > PolicyFormat.MaxImageSide)
                throw new PolicyFormatException(PolicyError.SizeOutOfRange, "image " + frames + "x" + height + "x" + width + " is out of range");
            if ((long)frames * height * width > PolicyFormat.MaxImageValues)
                throw new PolicyFormatException(PolicyError.SizeOutOfRange, "an image of " + ((long)frames * height * width) + " values exceeds the limit");
            if (float.IsNaN(scale) || float.IsInfinity(scale) || scale <= 0)
                throw new PolicyFormatException(PolicyError.InvalidValue, "the image scale must be positive and finite");
            Frames = frames;
            Height = height;
            Width = width;
            Scale = scale;
        }

        public int Frames { get; private set; }
        public int Height { get; private set; }
        public int Width { get; private set; }
        public float Scale { get; private set; }
        public int Size { get { return Frames * Height * Width; } }
    }
}
