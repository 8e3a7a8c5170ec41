using Robot.Envs.CartPole;

namespace Robot.Envs.CartPolePixels;

/// <summary>
/// CartPole-v1 seen only through pictures: the same dynamics, termination, truncation and reward
/// (the state env does the stepping), observed as the last <see cref="DefaultFrames"/> frames of
/// the 100 x 50 view drawn by the fast renderer. Allocation-free per step.
/// </summary>
public sealed class CartPolePixelsEnv : IEnv
{
    /// <summary>Two frames: the newest shows where things are, the difference with the one before shows how they move.</summary>
    public const int DefaultFrames = 2;

    readonly CartPoleEnv _state = new();
    readonly FrameStack _stack;
    readonly float[] _stateObservation = new float[4];

    public CartPolePixelsEnv(int frames = DefaultFrames)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(frames, 1);
        _stack = new FrameStack(frames, PixelView.Pixels);
        Spec = SpecFor(frames);
    }

    public EnvSpec Spec { get; }

    /// <summary>The spec for <paramref name="frames"/> stacked frames (names "f{frame}y{row}x{col}", intensity 0-1).</summary>
    public static EnvSpec SpecFor(int frames)
    {
        var shape = new ImageShape(frames, PixelView.Height, PixelView.Width);
        var names = new string[shape.Size];
        for (int f = 0, i = 0; f < frames; f++)
            for (int y = 0; y < PixelView.Height; y++)
                for (int x = 0; x < PixelView.Width; x++) names[i++] = $"f{f}y{y}x{x}";
        var state = CartPoleDynamics.Spec;
        return new EnvSpec("CartPolePixels-v1", shape.Size, state.Action, state.MaxEpisodeSteps, state.RewardThreshold, names, Image: shape);
    }

    /// <summary>The underlying state env (x, x_dot, theta, theta_dot), for tests and pictures.</summary>
    public CartPoleEnv State => _state;

    public void Reset(int? seed, Span<float> observation)
    {
        _state.Reset(seed, _stateObservation);
        Draw(_stack.Push());
        _stack.FillFromNewest();
        _stack.Observation.CopyTo(observation);
    }

    public StepResult Step(ReadOnlySpan<float> action, Span<float> observation)
    {
        var result = _state.Step(action, _stateObservation);
        Draw(_stack.Push());
        _stack.Observation.CopyTo(observation);
        return result;
    }

    void Draw(Span<float> frame)
    {
        var (x, _, theta, _) = _state.State;
        CartPoleFrameRenderer.Draw(x, theta, frame);
    }
}
