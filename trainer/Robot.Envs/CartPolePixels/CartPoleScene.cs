namespace Robot.Envs.CartPolePixels;

/// <summary>
/// CartPole-v1's picture, with Gymnasium's geometry and colours (gymnasium/envs/classic_control/
/// cartpole.py, render(): a 600x400 canvas, the world 2 x 2.4 m wide so 125 pixels a metre, a 50x30
/// cart whose centre line is 100 pixels above the bottom, a pole 10 wide and 125 long (twice the
/// half-length 0.5 m) pivoting 7.5 pixels above that line, a round axle of radius 5, the track a
/// line at 100, white background). Coordinates here are canvas pixels with y up, as Gymnasium draws
/// before it flips the surface. Intensities are 1 - luminance (Rec. 601), so the background is 0.
/// </summary>
public static class CartPoleScene
{
    public const int CanvasWidth = 600, CanvasHeight = 400;
    public const double Scale = CanvasWidth / (2 * Robot.Envs.CartPole.CartPoleDynamics.XThreshold);
    public const double CartWidth = 50, CartHeight = 30, CartY = 100;
    public const double PoleWidth = 10, PoleLength = Scale * 2 * Robot.Envs.CartPole.CartPoleDynamics.HalfPoleLength;
    public const double AxleOffset = CartHeight / 4, AxleRadius = PoleWidth / 2;
    /// <summary>pygame's hline at y = 100 fills the one pixel row above it.</summary>
    public const double TrackY = CartY, TrackThickness = 1;

    /// <summary>Rec. 601 luminance of Gymnasium's colours, inverted: black cart 1, pole (202, 152, 101), axle (129, 132, 203).</summary>
    public static readonly float CartInk = 1f, TrackInk = 1f,
        PoleInk = Ink(202, 152, 101), AxleInk = Ink(129, 132, 203);

    static float Ink(int r, int g, int b) => (float)(1 - (0.299 * r + 0.587 * g + 0.114 * b) / 255);

    /// <summary>The cart's centre, canvas x.</summary>
    public static double CartX(double x) => x * Scale + CanvasWidth / 2.0;

    /// <summary>
    /// The ink at canvas point (px, py) (y up) for a cart at <paramref name="x"/> and a pole at
    /// <paramref name="theta"/>, painted in Gymnasium's order: track, cart, pole, axle.
    /// </summary>
    public static float InkAt(double px, double py, double x, double theta)
    {
        double cx = CartX(x);
        float ink = 0;
        if (py >= TrackY && py < TrackY + TrackThickness) ink = TrackInk;
        if (Math.Abs(px - cx) <= CartWidth / 2 && Math.Abs(py - CartY) <= CartHeight / 2) ink = CartInk;
        if (InPole(px - cx, py - CartY - AxleOffset, Math.Sin(theta), Math.Cos(theta))) ink = PoleInk;
        double ax = px - cx, ay = py - CartY - AxleOffset;
        if (ax * ax + ay * ay <= AxleRadius * AxleRadius) ink = AxleInk;
        return ink;
    }

    /// <summary>
    /// Whether a point relative to the pivot lies in the pole: Gymnasium's rectangle
    /// [-w/2, w/2] x [-w/2, L - w/2] rotated by -theta (positive theta leans it towards +x).
    /// </summary>
    public static bool InPole(double dx, double dy, double sin, double cos)
    {
        // Rotate the point by +theta to undo the pole's rotation.
        double u = dx * cos - dy * sin;
        double v = dx * sin + dy * cos;
        return Math.Abs(u) <= PoleWidth / 2 && v >= -PoleWidth / 2 && v <= PoleLength - PoleWidth / 2;
    }
}
