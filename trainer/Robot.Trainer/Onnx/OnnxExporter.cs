using Google.Protobuf;
using Onnx;
using Robot.Cli;
using Robot.Policy;

namespace Robot.Trainer.Onnx;

/// <summary>
/// A policy file as an ONNX model (opset 13) that computes what the robot's runtime computes:
/// input <c>observation</c> [batch, n]; the normalization as <c>Sub</c>, <c>Div</c>, <c>Clip</c> (a
/// picture policy's instead: <c>Mul</c> by the pixel scale, <c>Reshape</c> to [batch, frames, height,
/// width], each <c>Conv</c> and its activation, <c>Flatten</c>);
/// each dense layer a <c>Gemm</c> (weights [out, in], <c>transB</c> 1) and its <c>Tanh</c> or
/// <c>Relu</c>; outputs <c>network_output</c> (the logits, or the Gaussian mean before scaling) and
/// <c>action</c> (the argmax as int64, or the mean squashed, scaled, offset and clipped to the
/// bounds). The observation names, the policy's metadata and its output transform ride in the
/// model's metadata, so <see cref="OnnxImporter"/> gives back the very same policy file.
/// </summary>
public static class OnnxExporter
{
    public const int Opset = 13;
    public const string Input = "observation", NetworkOutput = "network_output", ActionOutput = "action";
    /// <summary>Metadata keys: the observation names (comma-separated), the output transform, and each policy metadata entry under a prefix.</summary>
    public const string ObservationNamesKey = "observation_names", TransformKey = "output_transform", PolicyMetadataPrefix = "rpol.";

    public static ModelProto ToOnnx(PolicyModel policy)
    {
        int n = policy.ObservationSize;
        var graph = new GraphProto { Name = "robot_policy" };
        graph.Input.Add(Value(Input, TensorProto.Types.DataType.Float, n));
        string current = policy.Image is { } image ? Pictures(policy, image, graph) : Normalization(policy, graph);
        return Rest(policy, graph, current);
    }

    /// <summary>The observation normalization: Sub the mean, Div by the std, Clip to the clip.</summary>
    static string Normalization(PolicyModel policy, GraphProto graph)
    {
        int n = policy.ObservationSize;
        var mean = new float[n];
        var std = new float[n];
        for (int i = 0; i < n; i++) (mean[i], std[i]) = (policy.NormMean(i), policy.NormStd(i));
        graph.Initializer.Add(Floats("norm_mean", mean, n));
        graph.Initializer.Add(Floats("norm_std", std, n));
        graph.Initializer.Add(Floats("norm_low", [-policy.NormClip]));
        graph.Initializer.Add(Floats("norm_high", [policy.NormClip]));
        graph.Node.Add(Node("Sub", "normalize_centre", [Input, "norm_mean"], "centred"));
        graph.Node.Add(Node("Div", "normalize_scale", ["centred", "norm_std"], "scaled"));
        // Clip's bounds are scalars, as the runtime's one clip value is.
        graph.Node.Add(Node("Clip", "normalize_clip", ["scaled", "norm_low", "norm_high"], "normalized"));
        return "normalized";
    }

    /// <summary>A picture policy's front: the flat frames scaled, shaped [batch, frames, height, width], each convolution and its activation, flattened.</summary>
    static string Pictures(PolicyModel policy, ImageInput image, GraphProto graph)
    {
        graph.Initializer.Add(Floats("pixel_scale", [image.Scale]));
        graph.Node.Add(Node("Mul", "scale_pixels", [Input, "pixel_scale"], "pixels_scaled"));
        var shape = new TensorProto { Name = "image_shape", DataType = (int)TensorProto.Types.DataType.Int64 };
        shape.Dims.Add(4);
        shape.Int64Data.AddRange([-1, image.Frames, image.Height, image.Width]);
        graph.Initializer.Add(shape);
        graph.Node.Add(Node("Reshape", "to_image", ["pixels_scaled", "image_shape"], "image"));
        string current = "image";
        for (int c = 0; c < policy.ConvolutionCount; c++)
        {
            var conv = policy.Convolution(c);
            int k = conv.Kernel;
            var weights = new float[conv.OutChannels * conv.InChannels * k * k];
            for (int o = 0; o < conv.OutChannels; o++)
                for (int i = 0; i < conv.InChannels; i++)
                    for (int y = 0; y < k; y++)
                        for (int x = 0; x < k; x++) weights[((o * conv.InChannels + i) * k + y) * k + x] = conv.Weight(o, i, y, x);
            graph.Initializer.Add(Floats($"conv{c}_weight", weights, conv.OutChannels, conv.InChannels, k, k));
            graph.Initializer.Add(Floats($"conv{c}_bias", Enumerable.Range(0, conv.OutChannels).Select(conv.Bias).ToArray(), conv.OutChannels));
            var node = Node("Conv", $"conv{c}", [current, $"conv{c}_weight", $"conv{c}_bias"], $"conv{c}_linear");
            node.Attribute.Add(Ints("kernel_shape", k, k));
            node.Attribute.Add(Ints("strides", conv.Stride, conv.Stride));
            node.Attribute.Add(Ints("pads", conv.Padding, conv.Padding, conv.Padding, conv.Padding));
            graph.Node.Add(node);
            current = $"conv{c}_linear";
            if (conv.Activation != Activation.Identity)
            {
                graph.Node.Add(Node(OperatorOf(conv.Activation), $"conv{c}_activation", [current], $"conv{c}_out"));
                current = $"conv{c}_out";
            }
        }
        var flatten = Node("Flatten", "flatten", [current], "features");
        flatten.Attribute.Add(new AttributeProto { Name = "axis", Type = AttributeProto.Types.AttributeType.Int, I = 1 });
        graph.Node.Add(flatten);
        return "features";
    }

    /// <summary>The layers, the head, the metadata: after the front (normalization, or the picture path).</summary>
    static ModelProto Rest(PolicyModel policy, GraphProto graph, string current)
    {
        int n = policy.ObservationSize;
        for (int l = 0; l < policy.LayerCount; l++)
        {
            var layer = policy.Layer(l);
            var weights = new float[layer.Outputs * layer.Inputs];
            for (int o = 0; o < layer.Outputs; o++)
                for (int i = 0; i < layer.Inputs; i++) weights[o * layer.Inputs + i] = layer.Weight(o, i);
            var bias = new float[layer.Outputs];
            for (int o = 0; o < layer.Outputs; o++) bias[o] = layer.Bias(o);
            graph.Initializer.Add(Floats($"dense{l}_weight", weights, layer.Outputs, layer.Inputs));
            graph.Initializer.Add(Floats($"dense{l}_bias", bias, layer.Outputs));
            bool last = l == policy.LayerCount - 1;
            string linear = last && layer.Activation == Activation.Identity ? NetworkOutput : $"dense{l}_linear";
            var gemm = Node("Gemm", $"dense{l}", [current, $"dense{l}_weight", $"dense{l}_bias"], linear);
            gemm.Attribute.Add(new AttributeProto { Name = "transB", Type = AttributeProto.Types.AttributeType.Int, I = 1 });
            graph.Node.Add(gemm);
            current = linear;
            if (layer.Activation != Activation.Identity)
            {
                string activated = last ? NetworkOutput : $"dense{l}_out";
                graph.Node.Add(Node(OperatorOf(layer.Activation), $"dense{l}_activation", [current], activated));
                current = activated;
            }
        }

        int actions = policy.ActionSize;
        graph.Output.Add(Value(NetworkOutput, TensorProto.Types.DataType.Float, actions));
        if (policy.ActionKind == ActionKind.Discrete)
        {
            var argmax = Node("ArgMax", "argmax_action", [current], ActionOutput);
            argmax.Attribute.Add(new AttributeProto { Name = "axis", Type = AttributeProto.Types.AttributeType.Int, I = 1 });
            argmax.Attribute.Add(new AttributeProto { Name = "keepdims", Type = AttributeProto.Types.AttributeType.Int, I = 1 });
            graph.Node.Add(argmax);
            graph.Output.Add(Value(ActionOutput, TensorProto.Types.DataType.Int64, 1));
        }
        else
        {
            float[] Bound(Func<int, float> of) => Enumerable.Range(0, actions).Select(of).ToArray();
            graph.Initializer.Add(Floats("action_scale", Bound(policy.ActionScale), actions));
            graph.Initializer.Add(Floats("action_offset", Bound(policy.ActionOffset), actions));
            graph.Initializer.Add(Floats("action_high", Bound(policy.ActionHigh), actions));
            graph.Initializer.Add(Floats("action_low", Bound(policy.ActionLow), actions));
            string squashed = current;
            if (policy.Transform == OutputTransform.TanhSquash)
            {
                graph.Node.Add(Node("Tanh", "squash_action", [current], "action_squashed"));
                squashed = "action_squashed";
            }
            graph.Node.Add(Node("Mul", "scale_action", [squashed, "action_scale"], "action_scaled"));
            graph.Node.Add(Node("Add", "offset_action", ["action_scaled", "action_offset"], "action_unclipped"));
            // Per-entry bounds: Min then Max (Clip's bounds are scalars).
            graph.Node.Add(Node("Min", "clip_action_high", ["action_unclipped", "action_high"], "action_below_high"));
            graph.Node.Add(Node("Max", "clip_action_low", ["action_below_high", "action_low"], ActionOutput));
            graph.Output.Add(Value(ActionOutput, TensorProto.Types.DataType.Float, actions));
        }

        var model = new ModelProto { IrVersion = 8, ProducerName = "robot-trainer", Graph = graph, DocString = "A robot policy (docs/onnx.md)" };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = Opset });
        if (policy.Image is null)
            model.MetadataProps.Add(new StringStringEntryProto { Key = ObservationNamesKey, Value = string.Join(',', Enumerable.Range(0, n).Select(policy.ObservationName)) });
        model.MetadataProps.Add(new StringStringEntryProto { Key = TransformKey, Value = policy.Transform == OutputTransform.TanhSquash ? "tanh_squash" : "clip" });
        for (int i = 0; i < policy.MetadataCount; i++)
            model.MetadataProps.Add(new StringStringEntryProto { Key = PolicyMetadataPrefix + policy.MetadataKey(i), Value = policy.MetadataValue(i) });
        return model;
    }

    /// <summary>Writes the model to <paramref name="path"/> (a new file, or one this command may replace).</summary>
    public static void Write(PolicyModel policy, string path) => DurableFile.WriteAllBytes(path, ToOnnx(policy).ToByteArray());

    /// <summary>The ONNX operator of a policy format activation (ONNX's Elu defaults to alpha 1, the format's).</summary>
    static string OperatorOf(Activation activation) => activation switch
    {
        Activation.Tanh => "Tanh",
        Activation.Relu => "Relu",
        Activation.Sigmoid => "Sigmoid",
        Activation.Elu => "Elu",
        _ => throw new ArgumentOutOfRangeException(nameof(activation), activation, "no operator for this activation"),
    };

    static NodeProto Node(string op, string name, string[] inputs, string output)
    {
        var node = new NodeProto { OpType = op, Name = name };
        node.Input.AddRange(inputs);
        node.Output.Add(output);
        return node;
    }

    static AttributeProto Ints(string name, params long[] values)
    {
        var attribute = new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Ints };
        attribute.Ints.AddRange(values);
        return attribute;
    }

    static TensorProto Floats(string name, float[] values, params long[] dims)
    {
        var tensor = new TensorProto { Name = name, DataType = (int)TensorProto.Types.DataType.Float };
        tensor.Dims.AddRange(dims);
        tensor.FloatData.AddRange(values);
        return tensor;
    }

    static ValueInfoProto Value(string name, TensorProto.Types.DataType type, long width)
    {
        var shape = new TensorShapeProto();
        shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimParam = "batch" });
        shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimValue = width });
        return new ValueInfoProto { Name = name, Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)type, Shape = shape } } };
    }
}
