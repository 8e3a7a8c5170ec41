using Robot.Dynamics.Plant;
using SkiaSharp;

namespace Robot.Trainer.Rendering;

/// <summary>
/// The uniwheel robot from the side: the ground, the wheel with a spoke (so its turning shows), the
/// body from the axle at its pitch (its centre of mass marked), a red arrow on the body for a moment
/// after a push (pointing the way it shoved), and the motor's duty as a bar along the top (green forward, orange backward, the frame the
/// full range). The view follows the robot; ticks on the ground show its travel.
/// </summary>
public static class UniwheelArtist
{
    public const int Width = 320, Height = 240;
    const float PixelsPerMetre = 600;

    /// <param name="push">+1 while a forward push is shown, -1 for a backward one, 0 for none.</param>
    public static void Draw(SKCanvas canvas, UniwheelState state, UniwheelParameters p, double duty, int push)
    {
        canvas.Clear(SKColors.White);
        using var paint = new SKPaint { IsAntialias = true, StrokeWidth = 2, Color = SKColors.Black, Style = SKPaintStyle.Stroke };
        float groundY = Height - 30, r = (float)p.WheelRadius * PixelsPerMetre, cx = Width / 2f, cy = groundY - r;
        double position = state.WheelAngle * p.WheelRadius;
        canvas.DrawLine(0, groundY, Width, groundY, paint);
        // Ground ticks every 5 cm, moving under the robot as it travels.
        const double tick = 0.05;
        for (double m = Math.Floor((position - 0.3) / tick) * tick; m < position + 0.3; m += tick)
        {
            float tx = cx + (float)((m - position) * PixelsPerMetre);
            canvas.DrawLine(tx, groundY, tx, groundY + 8, paint);
        }
        // Body: from the axle, leaning by the pitch (positive leans forward, to the right).
        float length = (float)(2 * p.BodyComHeight) * PixelsPerMetre;
        (float sin, float cos) = ((float)Math.Sin(state.Pitch), (float)Math.Cos(state.Pitch));
        paint.StrokeWidth = 10;
        paint.Color = new SKColor(70, 90, 140);
        canvas.DrawLine(cx, cy, cx + length * sin, cy - length * cos, paint);
        paint.Style = SKPaintStyle.Fill;
        paint.Color = SKColors.Black;
        float comX = cx + length / 2 * sin, comY = cy - length / 2 * cos;
        canvas.DrawCircle(comX, comY, 4, paint);
        // Wheel and a spoke.
        paint.Style = SKPaintStyle.Stroke;
        paint.StrokeWidth = 4;
        canvas.DrawCircle(cx, cy, r, paint);
        paint.StrokeWidth = 2;
        canvas.DrawLine(cx, cy, cx + r * (float)Math.Sin(state.WheelAngle), cy - r * (float)Math.Cos(state.WheelAngle), paint);
        if (push != 0)
        {
            // From behind the body towards it: a forward push (+1) comes from the left.
            paint.Color = SKColors.Red;
            paint.StrokeWidth = 4;
            float tip = comX - push * 12, tail = comX - push * 60, barb = comX - push * 22;
            canvas.DrawLine(tail, comY, tip, comY, paint);
            canvas.DrawLine(barb, comY - 8, tip, comY, paint);
            canvas.DrawLine(barb, comY + 8, tip, comY, paint);
        }
        // Duty bar: centre is zero, each half the full duty.
        paint.Style = SKPaintStyle.Stroke;
        paint.StrokeWidth = 1;
        paint.Color = SKColors.Gray;
        canvas.DrawRect(20, 10, Width - 40, 12, paint);
        paint.Style = SKPaintStyle.Fill;
        paint.Color = duty >= 0 ? new SKColor(40, 160, 60) : new SKColor(230, 130, 30);
        float half = (Width - 40) / 2f, w = (float)Math.Clamp(duty, -1, 1) * half;
        canvas.DrawRect(Math.Min(cx, cx + w), 10, Math.Abs(w), 12, paint);
    }
}
