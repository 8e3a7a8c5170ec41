namespace Robot.Envs.CartPolePixels;

/// <summary>
/// The last k frames, oldest first, as one observation [k * frame]: velocities can be read from the
/// difference between frames. At reset every slot holds the first frame (the cart and pole stand
/// still in the picture, as they nearly do: Gymnasium's reset draws velocities within +-0.05).
/// Allocation-free: the frames shift in place.
/// </summary>
public sealed class FrameStack(int frames, int frameSize)
{
    readonly float[] _stack = new float[frames * frameSize];

    public int Frames => frames;
    public int FrameSize => frameSize;
    public ReadOnlySpan<float> Observation => _stack;

    /// <summary>The slot the next frame is drawn into (the newest).</summary>
    Span<float> Newest => _stack.AsSpan((frames - 1) * frameSize, frameSize);

    /// <summary>Makes room for a new frame (the oldest drops out) and returns the slot to draw it into.</summary>
    public Span<float> Push()
    {
        _stack.AsSpan(frameSize).CopyTo(_stack);
        return Newest;
    }

    /// <summary>Copies the newest frame into every other slot (after it was drawn at reset).</summary>
    public void FillFromNewest()
    {
        var newest = Newest;
        for (int f = 0; f < frames - 1; f++) newest.CopyTo(_stack.AsSpan(f * frameSize, frameSize));
    }
}
