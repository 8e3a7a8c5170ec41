using SkiaSharp;

namespace Robot.Trainer.Rendering;

/// <summary>What the network receives: the stacked frames side by side, oldest first, ink dark on white, each pixel a square.</summary>
public static class FramesArtist
{
    public const int Zoom = 3, Gap = 6;

    public static (int Width, int Height) Size(Robot.Envs.ImageShape shape) =>
        (shape.Frames * shape.Width * Zoom + (shape.Frames - 1) * Gap, shape.Height * Zoom);

    public static void Draw(SKCanvas canvas, Robot.Envs.ImageShape shape, ReadOnlySpan<float> observation)
    {
        canvas.Clear(new SKColor(200, 200, 200));
        using var paint = new SKPaint { Style = SKPaintStyle.Fill };
        for (int f = 0; f < shape.Frames; f++)
        {
            float left = f * (shape.Width * Zoom + Gap);
            for (int y = 0; y < shape.Height; y++)
                for (int x = 0; x < shape.Width; x++)
                {
                    byte level = (byte)Math.Round(255 * (1 - Math.Clamp(observation[(f * shape.Height + y) * shape.Width + x], 0f, 1f)));
                    paint.Color = new SKColor(level, level, level);
                    canvas.DrawRect(left + x * Zoom, y * Zoom, Zoom, Zoom, paint);
                }
        }
    }
}
