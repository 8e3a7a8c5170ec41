using System.Globalization;
using System.Text;

namespace Robot.Policy;

/// <summary>A human-readable account of a policy file: header, spec, normalization, layers, metadata, checksum.</summary>
public static class PolicyInspector
{
    /// <summary>Describes a valid file; throws <see cref="PolicyFormatException"/> with the reason for an invalid one.</summary>
    public static string Describe(byte[] data)
    {
        var model = PolicyReader.Read(data);
        var inv = CultureInfo.InvariantCulture;
        var s = new StringBuilder();
        uint crc = BitConverter.ToUInt32(data, data.Length - PolicyFormat.ChecksumSize);
        int version = data[4] | data[5] << 8;
        s.AppendLine(inv, $"policy file, format version {version}, {data.Length} bytes, CRC-32 0x{crc:x8} (ok)");
        if (model.Image is ImageInput image)
        {
            s.AppendLine(inv, $"observation: a picture, {image.Frames} frames of {image.Height}x{image.Width} values (row-major, oldest first), times {image.Scale:G6}");
            s.AppendLine(inv, $"convolutions: {model.ConvolutionCount}");
            for (int c = 0; c < model.ConvolutionCount; c++)
            {
                var conv = model.Convolution(c);
                s.AppendLine(inv, $"  [{c}] conv {conv.InChannels}x{conv.InHeight}x{conv.InWidth} -> {conv.OutChannels}x{conv.OutHeight}x{conv.OutWidth}, " +
                    $"kernel {conv.Kernel}, stride {conv.Stride}, padding {conv.Padding}, {conv.Activation.ToString().ToLowerInvariant()}, {conv.ParameterCount} parameters");
            }
        }
        else
        {
            s.AppendLine(inv, $"observation: {model.ObservationSize} values, normalized (x - mean) / std, clipped to +-{model.NormClip:G6}");
            for (int i = 0; i < model.ObservationSize; i++)
                s.AppendLine(inv, $"  [{i}] {model.ObservationName(i),-32} mean {model.NormMean(i),12:G6}  std {model.NormStd(i),12:G6}");
        }
        if (model.ActionKind == ActionKind.Discrete)
            s.AppendLine(inv, $"action: discrete, one of {model.ActionSize} (argmax of the logits)");
        else
        {
            s.AppendLine(inv, $"action: continuous, {model.ActionSize} values, y = {(model.Transform == OutputTransform.TanhSquash ? "tanh(mean)" : "mean")} * scale + offset, clipped to [low, high]");
            for (int j = 0; j < model.ActionSize; j++)
                s.AppendLine(inv, $"  [{j}] low {model.ActionLow(j):G6}  high {model.ActionHigh(j):G6}  scale {model.ActionScale(j):G6}  offset {model.ActionOffset(j):G6}");
        }
        s.AppendLine(inv, $"layers: {model.LayerCount}, parameters: {model.ParameterCount} (convolutions included)");
        for (int l = 0; l < model.LayerCount; l++)
        {
            var layer = model.Layer(l);
            s.AppendLine(inv, $"  [{l}] dense {layer.Inputs} -> {layer.Outputs}, {layer.Activation.ToString().ToLowerInvariant()}, {layer.ParameterCount} parameters");
        }
        s.AppendLine(inv, $"metadata: {model.MetadataCount} entries");
        for (int i = 0; i < model.MetadataCount; i++) s.AppendLine(inv, $"  {model.MetadataKey(i)} = {model.MetadataValue(i)}");
        return s.ToString();
    }
}
