using TorchSharp;

namespace Robot.Trainer.Torch;

/// <summary>
/// Numbers for tensor arithmetic that live as long as the process. TorchSharp 0.107 frees a Scalar
/// it converted from a plain number on the finalizer thread, possibly while libtorch still reads it:
/// C#'s implicit conversions do that, and so do TorchSharp's own shortcuts (<c>a + b</c> is
/// <c>a.add(b, 1)</c> with the 1 converted inside). Code here writes <c>a.add(b, One)</c> instead;
/// TensorLifetimeTests finds any call that converts, however deep in TorchSharp.
/// </summary>
public static class HeldScalars
{
    public static readonly Scalar One = 1.ToScalar();
}
