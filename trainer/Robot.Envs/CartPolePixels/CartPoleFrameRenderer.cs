namespace Robot.Envs.CartPolePixels;

/// <summary>
/// The fast path: draws the network's 100 x 50 view directly, without the canvas. Only the pixels
/// under a shape are touched: the track row and the cart's rectangle by their exact overlap with
/// each pixel, the pole and the axle by 3 x 3 samples in each pixel of their bounding box.
/// Allocation-free. Agrees with <see cref="CartPoleCanvas"/> scaled down within the tolerance the
/// tests state (edges differ by the sampling, nothing else).
/// </summary>
public static class CartPoleFrameRenderer
{
    const int Samples = 3;

    public static void Draw(double x, double theta, Span<float> view)
    {
        view[..PixelView.Pixels].Clear();
        double cx = CartPoleScene.CartX(x);
        // Track: the band [100, 101) across the whole width.
        FillBox(view, 0, CartPoleScene.CanvasWidth, CartPoleScene.TrackY, CartPoleScene.TrackY + CartPoleScene.TrackThickness, CartPoleScene.TrackInk);
        // Cart.
        FillBox(view, cx - CartPoleScene.CartWidth / 2, cx + CartPoleScene.CartWidth / 2,
            CartPoleScene.CartY - CartPoleScene.CartHeight / 2, CartPoleScene.CartY + CartPoleScene.CartHeight / 2, CartPoleScene.CartInk);
        // Pole and axle, sampled in their bounding boxes.
        (double sin, double cos) = Math.SinCos(theta);
        double pivotY = CartPoleScene.CartY + CartPoleScene.AxleOffset;
        double half = CartPoleScene.PoleWidth / 2, far = CartPoleScene.PoleLength - half;
        // The pole's corners, rotated by -theta about the pivot: its bounding box.
        double ax = cx - half * cos - half * sin, ay = pivotY + half * sin - half * cos;  // (-half, -half)
        double bx = cx + half * cos - half * sin, by = pivotY - half * sin - half * cos;  // (half, -half)
        double tx = cx + half * cos + far * sin, ty = pivotY - half * sin + far * cos;    // (half, far)
        double dx = cx - half * cos + far * sin, dy = pivotY + half * sin + far * cos;    // (-half, far)
        Sample(view, Math.Min(Math.Min(ax, bx), Math.Min(tx, dx)), Math.Max(Math.Max(ax, bx), Math.Max(tx, dx)),
            Math.Min(Math.Min(ay, by), Math.Min(ty, dy)), Math.Max(Math.Max(ay, by), Math.Max(ty, dy)), new Pole(cx, pivotY, sin, cos), CartPoleScene.PoleInk);
        double r = CartPoleScene.AxleRadius;
        Sample(view, cx - r, cx + r, pivotY - r, pivotY + r, new Axle(cx, pivotY), CartPoleScene.AxleInk);
    }

    interface IShape
    {
        bool Contains(double px, double py);
    }

    readonly record struct Pole(double PivotX, double PivotY, double Sin, double Cos) : IShape
    {
        public bool Contains(double px, double py) => CartPoleScene.InPole(px - PivotX, py - PivotY, Sin, Cos);
    }

    readonly record struct Axle(double X, double Y) : IShape
    {
        public bool Contains(double px, double py) =>
            (px - X) * (px - X) + (py - Y) * (py - Y) <= CartPoleScene.AxleRadius * CartPoleScene.AxleRadius;
    }

    /// <summary>Paints an axis-aligned box (canvas coordinates, y up) with each view pixel's exact overlap.</summary>
    static void FillBox(Span<float> view, double left, double right, double bottom, double top, float ink)
    {
        int c0 = Math.Max(0, (int)Math.Floor(left / PixelView.Block)), c1 = Math.Min(PixelView.Width - 1, (int)Math.Floor(right / PixelView.Block));
        int r0 = Math.Max(0, (int)Math.Floor((PixelView.Top - top) / PixelView.Block)), r1 = Math.Min(PixelView.Height - 1, (int)Math.Floor((PixelView.Top - bottom) / PixelView.Block));
        for (int row = r0; row <= r1; row++)
        {
            double rowTop = PixelView.RowTop(row), rowBottom = rowTop - PixelView.Block;
            double dy = Math.Min(top, rowTop) - Math.Max(bottom, rowBottom);
            if (dy <= 0) continue;
            for (int col = c0; col <= c1; col++)
            {
                double colLeft = col * PixelView.Block;
                double dx = Math.Min(right, colLeft + PixelView.Block) - Math.Max(left, colLeft);
                if (dx <= 0) continue;
                float coverage = (float)(dx * dy / (PixelView.Block * PixelView.Block));
                ref float p = ref view[row * PixelView.Width + col];
                p = p * (1 - coverage) + ink * coverage;
            }
        }
    }

    /// <summary>Paints the pixels of a bounding box by 3 x 3 samples of a shape.</summary>
    static void Sample<T>(Span<float> view, double left, double right, double bottom, double top, T shape, float ink) where T : struct, IShape
    {
        int c0 = Math.Max(0, (int)Math.Floor(left / PixelView.Block)), c1 = Math.Min(PixelView.Width - 1, (int)Math.Floor(right / PixelView.Block));
        int r0 = Math.Max(0, (int)Math.Floor((PixelView.Top - top) / PixelView.Block)), r1 = Math.Min(PixelView.Height - 1, (int)Math.Floor((PixelView.Top - bottom) / PixelView.Block));
        const double step = (double)PixelView.Block / Samples;
        for (int row = r0; row <= r1; row++)
            for (int col = c0; col <= c1; col++)
            {
                int hits = 0;
                for (int i = 0; i < Samples; i++)
                    for (int j = 0; j < Samples; j++)
                        if (shape.Contains(col * PixelView.Block + (j + 0.5) * step, PixelView.RowTop(row) - (i + 0.5) * step)) hits++;
                if (hits == 0) continue;
                float coverage = (float)hits / (Samples * Samples);
                ref float p = ref view[row * PixelView.Width + col];
                p = p * (1 - coverage) + ink * coverage;
            }
    }
}
