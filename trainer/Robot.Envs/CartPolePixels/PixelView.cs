namespace Robot.Envs.CartPolePixels;

/// <summary>
/// What the network sees: the whole track (every cart position stays in view, so the image says
/// where the cart is) from 40 to 340 pixels above the canvas's bottom (the track, the cart and the
/// pole at any angle before termination; the empty sky above is left out), at one sixth of the
/// canvas's resolution: 100 x 50 pixels, each the average of a 6 x 6 block of the canvas. Grayscale,
/// intensities in [0, 1] (docs/pixels.md says why these choices).
/// </summary>
public static class PixelView
{
    public const int Width = 100, Height = 50, Block = 6;
    public const double Bottom = 40, Top = Bottom + Height * Block;
    public const int Pixels = Width * Height;

    /// <summary>Canvas y (up) of the top edge of view row <paramref name="row"/> (row 0 at the top).</summary>
    public static double RowTop(int row) => Top - row * Block;
}
