using Robot.Envs;
using Robot.Envs.CartPole;

namespace Robot.Trainer.Tests.Envs;

/// <summary>A declared mirror must be a true symmetry of the environment, and must fit its spec.</summary>
public class MirrorSymmetryTests
{
    [Fact]
    public void CartPoleStepsTheMirroredStateToTheMirroredNextState()
    {
        var mirror = CartPoleDynamics.Spec.Mirror!;
        Assert.Null(mirror.Check(CartPoleDynamics.Spec));
        var rng = new Random(7);
        var state = new float[4];
        var mirrored = new float[4];
        for (int trial = 0; trial < 10_000; trial++)
        {
            // Well beyond the limits too, so terminations are compared as well.
            double x = 6 * (rng.NextDouble() - 0.5), v = 6 * (rng.NextDouble() - 0.5), th = 0.6 * (rng.NextDouble() - 0.5), w = 6 * (rng.NextDouble() - 0.5);
            int action = rng.Next(2);
            for (int k = 0; k < 4; k++) state[k] = (float)new[] { x, v, th, w }[k];
            mirror.MirrorObservations(state, mirrored);
            double mx = mirrored[0], mv = mirrored[1], mth = mirrored[2], mw = mirrored[3];
            double ox = state[0], ov = state[1], oth = state[2], ow = state[3];
            bool ended = CartPoleDynamics.Step(ref ox, ref ov, ref oth, ref ow, action);
            bool mirroredEnded = CartPoleDynamics.Step(ref mx, ref mv, ref mth, ref mw, 1 - action); // left and right swap
            Assert.Equal(ended, mirroredEnded);
            Assert.Equal(-ox, mx, 12);
            Assert.Equal(-ov, mv, 12);
            Assert.Equal(-oth, mth, 12);
            Assert.Equal(-ow, mw, 12);
        }
    }

    [Fact]
    public void AMirrorThatDoesNotFitItsSpecIsNamed()
    {
        var spec = CartPoleDynamics.Spec;
        Assert.Contains("3 observation signs for 4", new MirrorSymmetry([-1, -1, -1]).Check(spec));
        Assert.Contains("mirror by order", new MirrorSymmetry([-1, -1, -1, -1], [-1]).Check(spec));
        var continuous = spec with { Action = ActionSpace.Box(2, -1, 1), Mirror = null };
        Assert.Contains("one sign per continuous action", new MirrorSymmetry([-1, -1, -1, -1]).Check(continuous));
        Assert.Contains("1 action signs for 2", new MirrorSymmetry([-1, -1, -1, -1], [-1]).Check(continuous));
        Assert.Throws<ArgumentException>(() => new MirrorSymmetry([-1, 0.5f, -1, -1]));
    }
}
