namespace Robot.Firmware.Testing;

/// <summary>A stream that takes <paramref name="capacity"/> bytes, then refuses every write as a full SD card does.</summary>
public sealed class FullDiskStream(int capacity) : MemoryStream
{
    public override void Write(byte[] buffer, int offset, int count)
    {
        if (Length + count > capacity) throw new IOException("No space left on device");
        base.Write(buffer, offset, count);
    }

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        if (Length + buffer.Length > capacity) throw new IOException("No space left on device");
        base.Write(buffer);
    }
}
