using Robot.Envs.CartPolePixels;
using SkiaSharp;

namespace Robot.Trainer.Rendering;

/// <summary>CartPole as Gymnasium draws it (its geometry and colours, from <see cref="CartPoleScene"/>), at a chosen scale.</summary>
public static class CartPoleArtist
{
    static readonly SKColor Pole = new(202, 152, 101), Axle = new(129, 132, 203);

    public static void Draw(SKCanvas canvas, double x, double theta, float scale)
    {
        canvas.Clear(SKColors.White);
        canvas.Save();
        // Gymnasium draws with y up, then flips the picture.
        canvas.Scale(scale, -scale);
        canvas.Translate(0, -CartPoleScene.CanvasHeight);
        using var paint = new SKPaint { IsAntialias = true, Style = SKPaintStyle.Fill, Color = SKColors.Black };
        canvas.DrawRect((float)0, (float)CartPoleScene.TrackY, CartPoleScene.CanvasWidth, (float)CartPoleScene.TrackThickness, paint);
        float cx = (float)CartPoleScene.CartX(x);
        canvas.DrawRect(cx - (float)CartPoleScene.CartWidth / 2, (float)(CartPoleScene.CartY - CartPoleScene.CartHeight / 2),
            (float)CartPoleScene.CartWidth, (float)CartPoleScene.CartHeight, paint);
        float pivotY = (float)(CartPoleScene.CartY + CartPoleScene.AxleOffset);
        canvas.Save();
        canvas.Translate(cx, pivotY);
        canvas.RotateRadians((float)-theta); // Gymnasium rotates the pole's corners by -theta
        paint.Color = Pole;
        float half = (float)CartPoleScene.PoleWidth / 2;
        canvas.DrawRect(-half, -half, 2 * half, (float)CartPoleScene.PoleLength, paint);
        canvas.Restore();
        paint.Color = Axle;
        canvas.DrawCircle(cx, pivotY, (float)CartPoleScene.AxleRadius, paint);
        canvas.Restore();
    }
}
