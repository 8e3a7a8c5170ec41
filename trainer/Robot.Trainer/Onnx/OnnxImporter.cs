using Google.Protobuf;
using Onnx;
using Robot.Cli;
using Robot.Envs;
using Robot.Policy;
using Robot.Trainer.Policies;

namespace Robot.Trainer.Onnx;

/// <summary>
/// A feed-forward policy network in ONNX as a policy file for an env. The graph is read as one
/// chain from its input: the observation normalization (<c>Sub</c>/<c>Div</c> by constants, a
/// <c>Clip</c>), dense layers (<c>Gemm</c>, or <c>MatMul</c> and <c>Add</c>) each with an optional
/// <c>Tanh</c> or <c>Relu</c>, then the head: a discrete one's logits (an <c>ArgMax</c>, <c>Softmax</c>
/// or <c>LogSoftmax</c> after them changes nothing), or a Gaussian one's mean with an optional
/// <c>Tanh</c> squash, <c>Mul</c>/<c>Add</c> by constants (scale, offset) and <c>Min</c>/<c>Max</c>/<c>Clip</c>
/// bounds. <c>Flatten</c>, <c>Reshape</c>, <c>Identity</c> pass through. Only the nodes the action
/// depends on are read (a Gaussian's log-std output is ignored); anything else among them is refused
/// by name, with the node.
/// </summary>
public static class OnnxImporter
{
    static readonly HashSet<string> Recurrent = ["LSTM", "GRU", "RNN", "Loop", "Scan", "If"];
    static readonly HashSet<string> PassThrough = ["Flatten", "Reshape", "Identity", "Squeeze", "Unsqueeze", "Dropout"];
    static readonly HashSet<string> MonotoneHeads = ["ArgMax", "Softmax", "LogSoftmax"];

    /// <param name="observationNames">The declared layout; null: the model's metadata must declare it.</param>
    /// <param name="extraMetadata">The policy file's metadata for a model that carries none of its own (not one this project exported).</param>
    /// <param name="statistics">Observation statistics kept outside the model (SB3's VecNormalize); refused when the model normalizes itself.</param>
    public static PolicyModel Import(byte[] bytes, EnvSpec spec, string[]? observationNames, IReadOnlyDictionary<string, string>? extraMetadata = null,
        ObservationStatistics? statistics = null)
    {
        ModelProto model;
        try
        {
            model = ModelProto.Parser.ParseFrom(bytes);
        }
        catch (InvalidProtocolBufferException e)
        {
            throw new InputException($"not an ONNX model (the protobuf does not parse: {e.Message})");
        }
        if (model.Graph is not { } graph || graph.Node.Count == 0) throw new InputException("the ONNX model has no graph");
        var picture = spec.Image;

        var constants = new Dictionary<string, float[]>();
        var dims = new Dictionary<string, long[]>();
        foreach (var t in graph.Initializer) (constants[t.Name], dims[t.Name]) = (Values(t), [.. t.Dims]);
        var inputs = graph.Input.Where(i => !constants.ContainsKey(i.Name)).ToList();
        if (inputs.Count != 1) throw new InputException($"the model has {inputs.Count} inputs; a policy takes one, the observation");
        var metadata = model.MetadataProps.GroupBy(p => p.Key).ToDictionary(g => g.Key, g => g.Last().Value);
        if (metadata.TryGetValue(OnnxExporter.PolicyMetadataPrefix + "env", out var trainedOn) && trainedOn != spec.Id)
            throw new InputException($"the model was trained on {trainedOn}, not {spec.Id}");

        int n = spec.ObservationSize;
        if (Width(inputs[0]) is long declared && declared != n)
            throw new InputException($"the model's input '{inputs[0].Name}' is {declared} wide but {spec.Id} gives {n} observations ({string.Join(", ", spec.ObservationNames)})");
        if (picture is not null) observationNames = [];
        observationNames ??= metadata.TryGetValue(OnnxExporter.ObservationNamesKey, out var listed) ? listed.Split(',') : null;
        if (observationNames is null)
            throw new InputException($"declare the model's observation layout: --observation {string.Join(',', spec.ObservationNames)} (the names of {spec.Id}, in its order), or the model's metadata '{OnnxExporter.ObservationNamesKey}'");
        if (picture is null && !observationNames.SequenceEqual(spec.ObservationNames))
            throw new InputException($"the model takes observations ({string.Join(", ", observationNames)}) but {spec.Id} gives ({string.Join(", ", spec.ObservationNames)})");

        float[] mean = new float[n], std = Enumerable.Repeat(1f, n).ToArray();
        float clip = ObservationNormalizer.NoClip;
        var layers = new List<(float[] Weights, float[]? Bias, int Inputs, int Outputs, Activation Activation)>();
        bool squash = false;
        float[]? scale = null, offset = null, low = null, high = null;
        int width = n;
        // A picture policy's front: the pixel scale, then the convolutions over (channels, height, width).
        float pixelScale = 1;
        var convolutions = new List<(float[] Weights, float[] Bias, int InChannels, int InHeight, int InWidth, int OutChannels, int Kernel, int Stride, int Padding, Activation Activation)>();
        var (channels, height, imageWidth) = picture is { } shape ? (shape.Frames, shape.Height, shape.Width) : (0, 0, 0);
        string current = inputs[0].Name;

        var onPath = NodesOnThePathTo(graph);
        foreach (var node in graph.Node)
        {
            string where = $"{node.OpType} (node '{node.Name}')";
            if (node.Output.Count == 0 || node.Output[0].Length == 0) throw new InputException($"{where}: a node without an output");
            if (node.OpType != "Constant" && !onPath.Contains(node)) continue; // feeds another output only (a log-std, say)
            if (node.OpType == "Constant")
            {
                var value = node.Attribute.FirstOrDefault(a => a.Name == "value")?.T
                    ?? throw new InputException($"{where}: only a tensor 'value' constant is supported");
                (constants[node.Output[0]], dims[node.Output[0]]) = (Values(value), [.. value.Dims]);
                continue;
            }
            if (Recurrent.Contains(node.OpType)) throw new InputException($"{where}: a recurrent or control-flow network; the policy format holds feed-forward networks only");
            if (!node.Input.Contains(current)) continue; // off the chain
            float[] Other()
            {
                var other = node.Input.Where(i => i != current).ToList();
                if (other.Count != 1 || !constants.TryGetValue(other[0], out var c))
                    throw new InputException($"{where}: its other operand is computed, not a constant; the policy format holds a single chain of layers");
                return c;
            }
            float[] PerEntry(float[] c, int size, string what) =>
                c.Length == size ? c : c.Length == 1 ? Enumerable.Repeat(c[0], size).ToArray()
                : throw new InputException($"{where}: {what} has {c.Length} entries for {size}");
            bool beforeLayers = layers.Count == 0;
            float Scalar(float[] c, string what) => c.Length == 1 ? c[0] : throw new InputException($"{where}: {what} must be one number, not {c.Length}");
            bool headStarted = squash || scale is not null || offset is not null || low is not null || high is not null;
            switch (node.OpType)
            {
                case "Mul" when picture is not null && beforeLayers && convolutions.Count == 0:
                    pixelScale *= Scalar(Other(), "the pixel scale");
                    break;
                case "Div" when picture is not null && beforeLayers && convolutions.Count == 0 && node.Input[0] == current:
                    pixelScale /= Scalar(Other(), "the pixel divisor"); // multiplied by its inverse: within a rounding of dividing
                    break;
                case "Conv" when picture is not null && beforeLayers:
                    var conv = Conv(node, constants, dims, channels, height, imageWidth, where);
                    convolutions.Add(conv);
                    (channels, height, imageWidth) = (conv.OutChannels, (height + 2 * conv.Padding - conv.Kernel) / conv.Stride + 1, (imageWidth + 2 * conv.Padding - conv.Kernel) / conv.Stride + 1);
                    width = channels * height * imageWidth;
                    break;
                case "Relu" or "Tanh" or "Sigmoid" or "Elu" when picture is not null && beforeLayers && convolutions.Count > 0 && convolutions[^1].Activation == Activation.Identity:
                    convolutions[^1] = convolutions[^1] with { Activation = ActivationOf(node, where) };
                    break;
                case "Sub" or "Div" or "Clip" when picture is not null && beforeLayers:
                    throw new InputException($"{where}: a picture policy's only input transform is one scale (Mul or Div by a scalar)");
                case "Sub" when beforeLayers && node.Input[0] == current:
                    var m = PerEntry(Other(), n, "the subtracted mean");
                    for (int i = 0; i < n; i++) mean[i] += m[i] * std[i];
                    break;
                case "Div" when beforeLayers && node.Input[0] == current:
                    var d = PerEntry(Other(), n, "the divisor");
                    for (int i = 0; i < n; i++) std[i] *= d[i];
                    break;
                case "Clip" when beforeLayers:
                    var (clipLow, clipHigh) = ClipBounds(node, constants, where);
                    if (clipLow is not float lo || clipHigh is not float hi || lo != -hi || !(hi > 0))
                        throw new InputException($"{where}: the observation clip must be symmetric, -c to c");
                    clip = hi;
                    break;
                case "Gemm":
                    layers.Add(Gemm(node, constants, width, where, headStarted));
                    width = layers[^1].Outputs;
                    break;
                case "MatMul" when node.Input[0] == current:
                    if (headStarted) throw new InputException($"{where}: a layer after the action's scaling");
                    layers.Add(Dense(Other(), null, width, where, transposed: false));
                    width = layers[^1].Outputs;
                    break;
                case "Add" when !beforeLayers && layers[^1].Bias is null && layers[^1].Activation == Activation.Identity && !headStarted:
                    var bias = PerEntry(Other(), width, "the bias");
                    layers[^1] = layers[^1] with { Bias = bias };
                    break;
                case "Relu" or "Tanh" or "Sigmoid" or "Elu" when !beforeLayers && layers[^1].Activation == Activation.Identity && !headStarted:
                    layers[^1] = layers[^1] with { Activation = ActivationOf(node, where), Bias = layers[^1].Bias ?? new float[width] };
                    break;
                case "Tanh" when !beforeLayers && !spec.Action.IsDiscrete && !squash && scale is null && offset is null:
                    squash = true;
                    break;
                case "Mul" when !beforeLayers && !spec.Action.IsDiscrete && scale is null && offset is null && low is null && high is null:
                    scale = PerEntry(Other(), width, "the action scale");
                    break;
                case "Add" when !beforeLayers && !spec.Action.IsDiscrete && offset is null && low is null && high is null:
                    offset = PerEntry(Other(), width, "the action offset");
                    break;
                case "Min" when !beforeLayers && !spec.Action.IsDiscrete && high is null:
                    high = PerEntry(Other(), width, "the upper bound");
                    break;
                case "Max" when !beforeLayers && !spec.Action.IsDiscrete && low is null:
                    low = PerEntry(Other(), width, "the lower bound");
                    break;
                case "Clip" when !spec.Action.IsDiscrete:
                    var (l, h) = ClipBounds(node, constants, where);
                    if (l is float lv) low = Enumerable.Repeat(lv, width).ToArray();
                    if (h is float hv) high = Enumerable.Repeat(hv, width).ToArray();
                    break;
                case var op when MonotoneHeads.Contains(op) && spec.Action.IsDiscrete && !beforeLayers:
                    break;
                case var op when PassThrough.Contains(op):
                    break;
                case "LeakyRelu" or "Selu" or "Softplus" or "Gelu" or "HardTanh" or "HardSigmoid" or "Mish":
                    throw new InputException($"{where}: activation {node.OpType} is not in the policy format (tanh, relu, sigmoid and elu are)");
                default:
                    throw new InputException($"{where}: not supported here (the importer reads Gemm, MatMul, Add, Sub, Div, Mul, Clip, Min, Max, Tanh, Relu, Sigmoid, Elu, ArgMax, Softmax, Flatten, Reshape; docs/onnx.md)");
            }
            current = node.Output[0];
        }

        if (layers.Count == 0) throw new InputException("the model has no dense layer on the observation's path");
        if (statistics is not null)
        {
            if (picture is not null) throw new InputException("--normalization is for named observations; a picture policy's only transform is its scale");
            if (clip != ObservationNormalizer.NoClip || mean.Any(m => m != 0) || std.Any(d => d != 1))
                throw new InputException("the model normalizes its observations itself; --normalization would do it twice");
            (mean, std, clip) = (statistics.Mean, statistics.Std, statistics.Clip);
        }
        int actions = spec.Action.IsDiscrete ? spec.Action.Count : spec.Action.Size;
        if (width != actions)
            throw new InputException($"the model puts out {width} values but {spec.Id} takes {(spec.Action.IsDiscrete ? $"{actions} action logits" : $"{actions} action values")}");

        // A Tanh right after a continuous head's last layer is its squash, unless the exporter's metadata says the
        // policy clips (then it is that layer's own activation).
        bool clips = metadata.TryGetValue(OnnxExporter.TransformKey, out var transformName) && transformName == "clip";
        if (!spec.Action.IsDiscrete && !squash && !clips && layers[^1].Activation == Activation.Tanh)
        {
            squash = true;
            layers[^1] = layers[^1] with { Activation = Activation.Identity };
        }
        var keys = new List<string>();
        var values = new List<string>();
        foreach (var (k, v) in metadata.Where(p => p.Key.StartsWith(OnnxExporter.PolicyMetadataPrefix, StringComparison.Ordinal)))
        {
            keys.Add(k[OnnxExporter.PolicyMetadataPrefix.Length..]);
            values.Add(v);
        }
        // A model this project exported brings its policy's metadata back whole; a foreign one gets the caller's.
        if (keys.Count == 0)
            foreach (var (k, v) in extraMetadata ?? new Dictionary<string, string>()) { keys.Add(k); values.Add(v); }
        try
        {
            var dense = layers.Select(x => new DenseLayer(x.Inputs, x.Outputs, x.Activation, x.Weights, x.Bias ?? new float[x.Outputs])).ToArray();
            if (picture is not null)
            {
                var image = new ImageInput(picture.Frames, picture.Height, picture.Width, pixelScale);
                var convs = convolutions.Select(c => new ConvLayer(c.InChannels, c.InHeight, c.InWidth, c.OutChannels, c.Kernel, c.Stride, c.Padding, c.Activation, c.Weights, c.Bias)).ToArray();
                return spec.Action.IsDiscrete
                    ? new PolicyModel(image, convs, ActionKind.Discrete, actions, OutputTransform.Clip, null, null, null, null, dense, [.. keys], [.. values])
                    : new PolicyModel(image, convs, ActionKind.Continuous, actions, squash ? OutputTransform.TanhSquash : OutputTransform.Clip,
                        low ?? Enumerable.Repeat(spec.Action.Low, actions).ToArray(), high ?? Enumerable.Repeat(spec.Action.High, actions).ToArray(),
                        scale ?? Enumerable.Repeat(1f, actions).ToArray(), offset ?? new float[actions], dense, [.. keys], [.. values]);
            }
            if (spec.Action.IsDiscrete)
                return new PolicyModel(observationNames, ActionKind.Discrete, actions, OutputTransform.Clip, null, null, null, null, mean, std, clip, dense, [.. keys], [.. values]);
            return new PolicyModel(observationNames, ActionKind.Continuous, actions, squash ? OutputTransform.TanhSquash : OutputTransform.Clip,
                low ?? Enumerable.Repeat(spec.Action.Low, actions).ToArray(), high ?? Enumerable.Repeat(spec.Action.High, actions).ToArray(),
                scale ?? Enumerable.Repeat(1f, actions).ToArray(), offset ?? new float[actions], mean, std, clip, dense, [.. keys], [.. values]);
        }
        catch (PolicyFormatException e)
        {
            throw new InputException($"the model does not make a valid policy file: {e.Message}");
        }
    }

    /// <summary>
    /// The nodes the action depends on: those behind the output named <see cref="OnnxExporter.ActionOutput"/> when
    /// there is one (this project's models), else behind the first output (an actor's logits or mean).
    /// </summary>
    static HashSet<NodeProto> NodesOnThePathTo(GraphProto graph)
    {
        if (graph.Output.Count == 0) throw new InputException("the model has no output");
        string target = graph.Output.Any(o => o.Name == OnnxExporter.ActionOutput) ? OnnxExporter.ActionOutput : graph.Output[0].Name;
        var producer = new Dictionary<string, NodeProto>();
        foreach (var node in graph.Node)
            foreach (var output in node.Output) producer.TryAdd(output, node);
        var onPath = new HashSet<NodeProto>(ReferenceEqualityComparer.Instance);
        var work = new Stack<string>([target]);
        while (work.TryPop(out var name))
            if (producer.TryGetValue(name, out var node) && onPath.Add(node))
                foreach (var input in node.Input) work.Push(input);
        return onPath;
    }

    static (float[] Weights, float[] Bias, int InChannels, int InHeight, int InWidth, int OutChannels, int Kernel, int Stride, int Padding, Activation Activation) Conv(
        NodeProto node, Dictionary<string, float[]> constants, Dictionary<string, long[]> dims, int channels, int height, int width, string where)
    {
        long[] Ints(string name, long fallback, int count) =>
            node.Attribute.FirstOrDefault(a => a.Name == name) is { } a ? [.. a.Ints] : Enumerable.Repeat(fallback, count).ToArray();
        if (node.Input.Count < 2 || !constants.TryGetValue(node.Input[1], out var weights) || dims[node.Input[1]] is not [var outChannels, var inChannels, var kh, var kw])
            throw new InputException($"{where}: its weights are not a constant [out, in, k, k] tensor");
        if (inChannels != channels) throw new InputException($"{where}: it takes {inChannels} channels where {channels} arrive");
        if (outChannels is < 1 or > int.MaxValue || kh is < 1 or > int.MaxValue || weights.Length != outChannels * inChannels * kh * kw)
            throw new InputException($"{where}: {weights.Length} weights do not make a {outChannels}x{inChannels}x{kh}x{kw} kernel");
        if (kh != kw) throw new InputException($"{where}: a {kh}x{kw} kernel; the policy format's kernels are square");
        var strides = Ints("strides", 1, 2);
        var pads = Ints("pads", 0, 4);
        if (strides is not [var sy, var sx] || sy != sx) throw new InputException($"{where}: strides must be equal in both directions");
        if (pads.Length != 4 || pads.Distinct().Count() != 1) throw new InputException($"{where}: padding must be equal on every side");
        if (Ints("dilations", 1, 2).Any(d => d != 1) || (node.Attribute.FirstOrDefault(a => a.Name == "group")?.I ?? 1) != 1
            || node.Attribute.FirstOrDefault(a => a.Name == "auto_pad") is { } autoPad && autoPad.S.ToStringUtf8() is not ("" or "NOTSET"))
            throw new InputException($"{where}: dilations, groups and auto_pad are not in the policy format");
        float[] bias = node.Input.Count > 2 && node.Input[2].Length > 0
            ? constants.TryGetValue(node.Input[2], out var b) && b.Length == outChannels ? b : throw new InputException($"{where}: its bias is not a constant of {outChannels}")
            : new float[outChannels];
        return (weights, bias, channels, height, width, (int)outChannels, (int)kh, (int)sy, (int)pads[0], Activation.Identity);
    }


    /// <summary>The policy format's activation for an activation node; ELU only with ONNX's (and PyTorch's) default alpha of 1.</summary>
    static Activation ActivationOf(NodeProto node, string where)
    {
        if (node.OpType == "Elu" && node.Attribute.FirstOrDefault(a => a.Name == "alpha") is { } alpha && alpha.F != 1f)
            throw new InputException($"{where}: Elu with alpha {alpha.F} (the policy format's ELU has alpha 1)");
        return node.OpType switch
        {
            "Tanh" => Activation.Tanh,
            "Relu" => Activation.Relu,
            "Sigmoid" => Activation.Sigmoid,
            "Elu" => Activation.Elu,
            _ => throw new InvalidOperationException($"{node.OpType} is not an activation"),
        };
    }
    static (float[] Weights, float[]? Bias, int Inputs, int Outputs, Activation Activation) Gemm(NodeProto node, Dictionary<string, float[]> constants, int width, string where, bool headStarted)
    {
        if (headStarted) throw new InputException($"{where}: a layer after the action's scaling");
        long Attribute(string name, long fallback) => node.Attribute.FirstOrDefault(a => a.Name == name)?.I ?? fallback;
        float Scalar(string name) => node.Attribute.FirstOrDefault(a => a.Name == name)?.F ?? 1f;
        if (Attribute("transA", 0) != 0 || Scalar("alpha") != 1f || Scalar("beta") != 1f)
            throw new InputException($"{where}: only transA 0, alpha 1 and beta 1 are supported");
        if (node.Input.Count < 2 || !constants.TryGetValue(node.Input[1], out var weights))
            throw new InputException($"{where}: its weights are not a constant");
        float[]? bias = node.Input.Count > 2 && node.Input[2].Length > 0
            ? constants.TryGetValue(node.Input[2], out var b) ? b : throw new InputException($"{where}: its bias is not a constant")
            : null;
        return Dense(weights, bias, width, where, transposed: Attribute("transB", 0) != 0);
    }

    /// <summary>A dense layer from ONNX weights: [out, in] when <paramref name="transposed"/> (Gemm's transB), else [in, out] (MatMul's).</summary>
    static (float[] Weights, float[]? Bias, int Inputs, int Outputs, Activation Activation) Dense(float[] weights, float[]? bias, int inputs, string where, bool transposed)
    {
        if (inputs == 0 || weights.Length % inputs != 0)
            throw new InputException($"{where}: {weights.Length} weights do not fit {inputs} inputs");
        int outputs = weights.Length / inputs;
        var rowMajor = new float[weights.Length]; // the policy file's [out, in]
        for (int o = 0; o < outputs; o++)
            for (int i = 0; i < inputs; i++)
                rowMajor[o * inputs + i] = transposed ? weights[o * inputs + i] : weights[i * outputs + o];
        if (bias is not null && bias.Length != outputs)
            bias = bias.Length == 1 ? Enumerable.Repeat(bias[0], outputs).ToArray() : throw new InputException($"{where}: {bias.Length} biases for {outputs} outputs");
        return (rowMajor, bias, inputs, outputs, Activation.Identity);
    }

    static (float? Low, float? High) ClipBounds(NodeProto node, Dictionary<string, float[]> constants, string where)
    {
        float? Bound(int index, string attribute)
        {
            if (node.Input.Count > index && node.Input[index].Length > 0)
                return constants.TryGetValue(node.Input[index], out var c) && c.Length == 1 ? c[0] : throw new InputException($"{where}: its bounds must be scalar constants");
            return node.Attribute.FirstOrDefault(a => a.Name == attribute)?.F; // opset 6's attributes
        }
        return (Bound(1, "min"), Bound(2, "max"));
    }

    /// <summary>A float tensor's values, from float_data or raw_data (little-endian), whichever holds them.</summary>
    static float[] Values(TensorProto tensor)
    {
        if (tensor.DataType == (int)TensorProto.Types.DataType.Float)
        {
            if (tensor.DataLocation == TensorProto.Types.DataLocation.External)
                throw new InputException($"tensor '{tensor.Name}' is stored in an external file; save the model with its weights inside");
            if (tensor.FloatData.Count > 0) return [.. tensor.FloatData];
            var raw = tensor.RawData.Span;
            if (raw.Length % 4 != 0) throw new InputException($"tensor '{tensor.Name}': {raw.Length} bytes of raw data is not whole floats");
            var values = new float[raw.Length / 4];
            for (int i = 0; i < values.Length; i++) values[i] = BitConverter.ToSingle(raw.Slice(i * 4, 4));
            return values;
        }
        if (tensor.DataType == (int)TensorProto.Types.DataType.Double)
            return tensor.DoubleData.Count > 0 ? tensor.DoubleData.Select(v => (float)v).ToArray() : [];
        if (tensor.DataType == (int)TensorProto.Types.DataType.Int64) return tensor.Int64Data.Select(v => (float)v).ToArray(); // shapes, axes
        return [];
    }

    /// <summary>The values one observation holds: the input's dimensions after the batch multiplied ([batch, frames, height, width] for pictures), or null when unknown.</summary>
    static long? Width(ValueInfoProto input)
    {
        var dims = input.Type?.TensorType?.Shape?.Dim;
        if (dims is not { Count: > 1 } || dims.Skip(1).Any(d => !d.HasDimValue || d.DimValue < 1)) return dims is { Count: 1 } && dims[0].HasDimValue ? dims[0].DimValue : null;
        return dims.Skip(1).Aggregate(1L, (product, d) => product > int.MaxValue ? product : product * d.DimValue);
    }
}
