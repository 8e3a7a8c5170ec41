using Robot.Envs;
using Robot.Envs.CartPole;
using Robot.Envs.CartPolePixels;

namespace Robot.Trainer.Tests.Envs;

/// <summary>The pixel env: the fast frame against Gymnasium's canvas, the picture's geometry, the frame stack, CartPole's rules.</summary>
public class CartPolePixelsTests
{
    static (double X, double Theta) RandomState(Random rng) =>
        ((rng.NextDouble() * 2 - 1) * CartPoleDynamics.XThreshold, (rng.NextDouble() * 2 - 1) * CartPoleDynamics.ThetaThreshold * 1.5);

    [Fact]
    public void TheFastFrameAgreesWithTheFullCanvasScaledDown()
    {
        // Tolerance: the fast path samples the pole and the axle 3 x 3 in a 6 x 6 block where the
        // reference takes all 36 canvas pixels, so a pixel on the pole's edge may be off by about a
        // third of its coverage, times the ink under it (up to 0.63 where the pole crosses the
        // cart); the track and the cart are exact. Over 300 random states: every pixel within 0.3,
        // the mean difference under 0.002.
        var rng = new Random(16);
        var canvas = new float[CartPoleScene.CanvasWidth * CartPoleScene.CanvasHeight];
        var reference = new float[PixelView.Pixels];
        var fast = new float[PixelView.Pixels];
        double worst = 0, total = 0;
        for (int n = 0; n < 300; n++)
        {
            var (x, theta) = RandomState(rng);
            CartPoleCanvas.Draw(x, theta, canvas);
            CartPoleCanvas.Downscale(canvas, reference);
            CartPoleFrameRenderer.Draw(x, theta, fast);
            for (int i = 0; i < fast.Length; i++)
            {
                double d = Math.Abs(fast[i] - reference[i]);
                worst = Math.Max(worst, d);
                total += d;
            }
        }
        double mean = total / (300.0 * PixelView.Pixels);
        Assert.True(worst <= 0.3, $"worst pixel differs by {worst:F3}");
        Assert.True(mean < 0.002, $"mean difference {mean:F5}");
    }

    static (double X, double Y, double Ink) Centroid(float[] frame, Func<float, bool> which)
    {
        double sx = 0, sy = 0, s = 0;
        for (int r = 0; r < PixelView.Height; r++)
            for (int c = 0; c < PixelView.Width; c++)
            {
                float v = frame[r * PixelView.Width + c];
                if (!which(v)) continue;
                sx += c * v; sy += r * v; s += v;
            }
        return (sx / s, sy / s, s);
    }

    [Fact]
    public void TheCartIsWhereXSaysAndThePoleLeansTheWayThetaSays()
    {
        var frame = new float[PixelView.Pixels];
        CartPoleFrameRenderer.Draw(1.0, 0, frame);
        var cart = Centroid(frame, v => v > 0.99f);
        Assert.Equal((CartPoleScene.CartX(1.0)) / PixelView.Block, cart.X + 0.5, 0.6); // 425 px: column 70.8
        CartPoleFrameRenderer.Draw(0, 0.15, frame);
        var leaning = Centroid(frame, v => v is > 0.2f and < 0.5f); // the pole's ink (0.37), not the cart's
        CartPoleFrameRenderer.Draw(0, -0.15, frame);
        var other = Centroid(frame, v => v is > 0.2f and < 0.5f);
        Assert.True(leaning.X > 50 && other.X < 50, $"pole centroids {leaning.X:F1} and {other.X:F1}: positive theta leans right");
        Assert.True(leaning.Y < cart.Y - 5, $"the pole (row {leaning.Y:F1}) stands up from the cart (row {cart.Y:F1}); rows count down from the top");
    }

    [Fact]
    public void TheStackStartsFullOfTheFirstFrameAndShiftsOneFrameAStep()
    {
        var env = new CartPolePixelsEnv(frames: 3);
        Assert.Equal(new ImageShape(3, 50, 100), env.Spec.Image);
        var obs = new float[env.Spec.ObservationSize];
        env.Reset(4, obs);
        var first = obs[..PixelView.Pixels];
        for (int f = 1; f < 3; f++) Assert.Equal(first, obs[(f * PixelView.Pixels)..((f + 1) * PixelView.Pixels)]);
        var before = (float[])obs.Clone();
        for (int k = 0; k < 5; k++) env.Step([1f], obs); // pushing right moves the picture
        var newest = obs[(2 * PixelView.Pixels)..];
        Assert.NotEqual(first, newest);
        var previous = (float[])obs.Clone();
        env.Step([1f], obs);
        Assert.Equal(previous[PixelView.Pixels..], obs[..(2 * PixelView.Pixels)]); // the two newest became the two oldest
        Assert.NotEqual(before, obs);
    }

    [Fact]
    public void StepsRewardsAndEndingsAreCartPoles()
    {
        var pixels = new CartPolePixelsEnv();
        var state = new CartPoleEnv();
        var po = new float[pixels.Spec.ObservationSize];
        var so = new float[4];
        var rng = new Random(3);
        pixels.Reset(11, po);
        state.Reset(11, so);
        for (int k = 0; k < 2000; k++)
        {
            float a = rng.Next(2);
            var p = pixels.Step([a], po);
            var s = state.Step([a], so);
            Assert.Equal(s, p);
            Assert.Equal(state.State, pixels.State.State);
            if (s.Terminated || s.Truncated)
            {
                pixels.Reset(null, po);
                state.Reset(null, so);
            }
        }
        Assert.Equal(CartPoleDynamics.Spec.MaxEpisodeSteps, pixels.Spec.MaxEpisodeSteps);
        Assert.Equal(CartPoleDynamics.Spec.RewardThreshold, pixels.Spec.RewardThreshold);
    }

    [Fact]
    public void RenderingAndSteppingAllocateNothing()
    {
        var env = new CartPolePixelsEnv();
        var obs = new float[env.Spec.ObservationSize];
        env.Reset(1, obs);
        env.Step([0f], obs);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int k = 0; k < 200; k++)
        {
            var r = env.Step([k % 2], obs);
            if (r.Terminated || r.Truncated) env.Reset(null, obs);
        }
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void TheRegistryServesItVectorizedOnEveryCore()
    {
        var vector = EnvRegistry.CreateVector("cartpole-pixels", 4);
        Assert.Equal(EnvRegistry.Spec("cartpole-pixels").Image, vector.Spec.Image);
        vector.Reset(1);
        vector.Step(new float[] { 0, 1, 0, 1 });
        Assert.All(vector.Rewards, r => Assert.Equal(1f, r));
        Assert.InRange(vector.Observations.Max(), 0.99f, 1f);
        Assert.Equal(0f, vector.Observations.Min());
    }
}
