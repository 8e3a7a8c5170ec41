namespace Robot.Policy
{
    /// <summary>
    /// A 2-D convolution over an InChannels x InHeight x InWidth input (row-major), square kernel,
    /// equal stride and zero padding on every side, then an activation: out[c][y][x] =
    /// act(bias[c] + sum over i, ky, kx of w[c][i][ky][kx] * in[i][y*stride - padding + ky][x*stride - padding + kx]).
    /// Weights are stored [out][in][ky][kx], as PyTorch's Conv2d keeps them. Allocation-free.
    /// </summary>
    public sealed class ConvLayer
    {
        readonly float[] _weights;
        readonly float[] _bias;
#if !NANOFRAMEWORK
        // The same weights as [in][ky][kx][out]: for one input value, the weights of every output channel side by side, for SIMD.
        readonly float[] _weightsByTap;
        // Padded to whole vectors: [OutChannelsPadded] accumulators a pixel.
        readonly int _paddedChannels;
#endif

        /// <summary>Validates every size against the format's limits and copies the arrays.</summary>
        public ConvLayer(int inChannels, int inHeight, int inWidth, int outChannels, int kernel, int stride, int padding,
            Activation activation, float[] weights, float[] bias)
        {
            if (inChannels < 1 || outChannels < 1 || inChannels > PolicyFormat.MaxChannels || outChannels > PolicyFormat.MaxChannels)
                throw new PolicyFormatException(PolicyError.SizeOutOfRange, "convolution channels " + inChannels + " -> " + outChannels + " are out of range");
            if (kernel < 1 || kernel > PolicyFormat.MaxKernel || stride < 1 || stride > PolicyFormat.MaxStride || padding < 0 || padding > PolicyFormat.MaxPadding)
                throw new PolicyFormatException(PolicyError.SizeOutOfRange, "convolution kernel " + kernel + ", stride " + stride + ", padding " + padding + " are out of range");
            if (inHeight < 1 || inWidth < 1 || inHeight > PolicyFormat.MaxImageSide || inWidth > PolicyFormat.MaxImageSide)
                throw new PolicyFormatException(PolicyError.SizeOutOfRange, "convolution input " + inHeight + "x" + inWidth + " is out of range");
            int outHeight = (inHeight + 2 * padding - kernel) / stride + 1, outWidth = (inWidth + 2 * padding - kernel) / stride + 1;
            if (inHeight + 2 * padding < kernel || inWidth + 2 * padding < kernel || outHeight < 1 || outWidth < 1)
                throw new PolicyFormatException(PolicyError.LayersDoNotChain, "a " + kernel + "x" + kernel + " kernel does not fit a " + inHeight + "x" + inWidth + " input");
            if ((long)outChannels * outHeight * outWidth > PolicyFormat.MaxActivations || (long)inChannels * inHeight * inWidth > PolicyFormat.MaxActivations)
                throw new PolicyFormatException(PolicyError.SizeOutOfRange, "convolution activations exceed the limit");
            long count = (long)outChannels * inChannels * kernel * kernel;
            if (count > PolicyFormat.MaxParameters) throw new PolicyFormatException(PolicyError.SizeOutOfRange, "too many parameters");
            if (weights == null || bias == null || weights.Length != count || bias.Length != outChannels)
                throw new PolicyFormatException(PolicyError.InvalidValue, "convolution arrays do not match its size");
            if (!ActivationFunction.IsKnown(activation))
                throw new PolicyFormatException(PolicyError.InvalidValue, "unknown activation " + (int)activation);
            InChannels = inChannels; InHeight = inHeight; InWidth = inWidth;
            OutChannels = outChannels; OutHeight = outHeight; OutWidth = outWidth;
            Kernel = kernel; Stride = stride; Padding = padding; Activation = activation;
            _weights = new float[weights.Length];
            _bias = new float[bias.Length];
            for (int i = 0; i < weights.Length; i++) _weights[i] = Checked(weights[i]);
            for (int i = 0; i < bias.Length; i++) _bias[i] = Checked(bias[i]);
#if !NANOFRAMEWORK
            int width = System.Numerics.Vector<float>.Count;
            _paddedChannels = (outChannels + width - 1) / width * width;
            _weightsByTap = new float[inChannels * kernel * kernel * _paddedChannels];
            for (int o = 0; o < outChannels; o++)
                for (int i = 0; i < inChannels; i++)
                    for (int t = 0; t < kernel * kernel; t++)
                        _weightsByTap[(i * kernel * kernel + t) * _paddedChannels + o] = _weights[(o * inChannels + i) * kernel * kernel + t];
#endif
        }

        public int InChannels { get; private set; }
        public int InHeight { get; private set; }
        public int InWidth { get; private set; }
        public int OutChannels { get; private set; }
        public int OutHeight { get; private set; }
        public int OutWidth { get; private set; }
        public int Kernel { get; private set; }
        public int Stride { get; private set; }
        public int Padding { get; private set; }
        public Activation Activation { get; private set; }
        public int InputSize { get { return InChannels * InHeight * InWidth; } }
        public int OutputSize { get { return OutChannels * OutHeight * OutWidth; } }
        public int ParameterCount { get { return _weights.Length + _bias.Length; } }

        public float Weight(int output, int input, int ky, int kx) { return _weights[((output * InChannels + input) * Kernel + ky) * Kernel + kx]; }
        public float Bias(int output) { return _bias[output]; }

#if NANOFRAMEWORK
        /// <summary>Writes the layer's output for input[0..InputSize) into output[0..OutputSize).</summary>
        public void Forward(float[] input, float[] output) { ForwardPortable(input, output); }
#else
        /// <summary>
        /// Writes the layer's output for input[0..InputSize) into output[0..OutputSize) with SIMD: for
        /// each output pixel, every tap's input value is multiplied into all output channels at once
        /// (weights stored tap-major), then the channels are written to their planes. Allocation-free.
        /// </summary>
        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
        public void Forward(float[] input, float[] output)
        {
            int width = System.Numerics.Vector<float>.Count, blocks = _paddedChannels / width;
            int k = Kernel, inH = InHeight, inW = InWidth, plane = inH * inW, outPlane = OutHeight * OutWidth;
            System.Span<System.Numerics.Vector<float>> sums = stackalloc System.Numerics.Vector<float>[blocks];
            System.Span<float> flat = System.Runtime.InteropServices.MemoryMarshal.Cast<System.Numerics.Vector<float>, float>(sums);
            float[] w = _weightsByTap;
            for (int y = 0; y < OutHeight; y++)
                for (int x = 0; x < OutWidth; x++)
                {
                    sums.Clear();
                    int top = y * Stride - Padding, left = x * Stride - Padding;
                    for (int i = 0; i < InChannels; i++)
                        for (int ky = 0; ky < k; ky++)
                        {
                            int row = top + ky;
                            if (row < 0 || row >= inH) continue; // zero padding
                            for (int kx = 0; kx < k; kx++)
                            {
                                int col = left + kx;
                                if (col < 0 || col >= inW) continue;
                                var v = new System.Numerics.Vector<float>(input[i * plane + row * inW + col]);
                                int tap = ((i * k + ky) * k + kx) * _paddedChannels;
                                for (int b = 0; b < blocks; b++) sums[b] += new System.Numerics.Vector<float>(w, tap + b * width) * v;
                            }
                        }
                    int at = y * OutWidth + x;
                    for (int c = 0; c < OutChannels; c++)
                    {
                        float sum = flat[c] + _bias[c];
                        sum = ActivationFunction.Apply(Activation, sum);
                        output[c * outPlane + at] = sum;
                    }
                }
        }
#endif

        /// <summary>The forward pass in plain loops: what runs on nanoFramework, and the reference the SIMD pass is tested against.</summary>
        public void ForwardPortable(float[] input, float[] output)
        {
            int k = Kernel, inH = InHeight, inW = InWidth, outW = OutWidth, plane = inH * inW;
            for (int c = 0; c < OutChannels; c++)
                for (int y = 0; y < OutHeight; y++)
                    for (int x = 0; x < outW; x++)
                    {
                        float sum = _bias[c];
                        int top = y * Stride - Padding, left = x * Stride - Padding;
                        for (int i = 0; i < InChannels; i++)
                        {
                            int w = (c * InChannels + i) * k * k, source = i * plane;
                            for (int ky = 0; ky < k; ky++)
                            {
                                int row = top + ky;
                                if (row < 0 || row >= inH) continue; // zero padding
                                int at = source + row * inW, wr = w + ky * k;
                                for (int kx = 0; kx < k; kx++)
                                {
                                    int col = left + kx;
                                    if (col >= 0 && col < inW) sum += _weights[wr + kx] * input[at + col];
                                }
                            }
                        }
                        sum = ActivationFunction.Apply(Activation, sum);
                        output[(c * OutHeight + y) * outW + x] = sum;
                    }
        }

        static float Checked(float v)
        {
            if (float.IsNaN(v) || float.IsInfinity(v))
                throw new PolicyFormatException(PolicyError.NonFiniteValue, "a convolution holds a NaN or infinite weight");
            return v;
        }
    }
}
