namespace Robot.Envs.CartPolePixels;

/// <summary>
/// The full 600x400 picture as Gymnasium draws it, one sample at each pixel's centre, row 0 at the
/// top: the reference the fast renderer is checked against, and what `render` writes for people.
/// </summary>
public static class CartPoleCanvas
{
    /// <summary>Draws into <paramref name="ink"/> [CanvasHeight * CanvasWidth].</summary>
    public static void Draw(double x, double theta, float[] ink)
    {
        for (int row = 0; row < CartPoleScene.CanvasHeight; row++)
        {
            double py = CartPoleScene.CanvasHeight - row - 0.5;
            for (int col = 0; col < CartPoleScene.CanvasWidth; col++)
                ink[row * CartPoleScene.CanvasWidth + col] = CartPoleScene.InkAt(col + 0.5, py, x, theta);
        }
    }

    /// <summary>The canvas scaled down to the network's view: the mean of each 6 x 6 block of it.</summary>
    public static void Downscale(float[] canvas, Span<float> view)
    {
        int firstRow = CartPoleScene.CanvasHeight - (int)PixelView.Top; // canvas row at the view's top edge
        for (int r = 0; r < PixelView.Height; r++)
            for (int c = 0; c < PixelView.Width; c++)
            {
                float sum = 0;
                for (int i = 0; i < PixelView.Block; i++)
                    for (int j = 0; j < PixelView.Block; j++)
                        sum += canvas[(firstRow + r * PixelView.Block + i) * CartPoleScene.CanvasWidth + c * PixelView.Block + j];
                view[r * PixelView.Width + c] = sum / (PixelView.Block * PixelView.Block);
            }
    }
}
