using static TorchSharp.torch;

namespace Robot.Trainer.Policies;

/// <summary>
/// A reusable input tensor for batched inference, filled in place from a float array: a rollout
/// step of the pixel env (8 envs x 10,000 values) no longer builds a 320 KB managed array and a new
/// tensor around it every step. Not thread-safe: one per network.
/// </summary>
public sealed class InputBuffer : IDisposable
{
    Tensor? _tensor;
    int _rows, _columns;

    /// <summary>The tensor [rows, columns] holding source[0 .. rows * columns).</summary>
    public Tensor Fill(float[] source, int rows, int columns)
    {
        if (source.Length < rows * columns) throw new ArgumentException($"{source.Length} values for a {rows}x{columns} batch");
        if (_tensor is null || rows != _rows || columns != _columns)
        {
            _tensor?.Dispose();
            _tensor = zeros(rows, columns).DetachFromDisposeScope(); // owned here, whatever scope the caller has open
            (_rows, _columns) = (rows, columns);
        }
        // The tensor's own memory as a span: one block copy (TensorAccessor.CopyFrom goes element by element).
        new ReadOnlySpan<float>(source, 0, rows * columns).CopyTo(System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(_tensor.bytes));
        return _tensor;
    }

    public void Dispose() => _tensor?.Dispose();
}
