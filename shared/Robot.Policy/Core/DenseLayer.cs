namespace Robot.Policy
{
    /// <summary>y = activation(W x + b), W stored row-major with Out rows of In weights.</summary>
    public sealed class DenseLayer
    {
        readonly float[] _weights;
        readonly float[] _bias;
#if !NANOFRAMEWORK
        // The same weights input-major ([in][out]), so the .NET forward pass adds whole columns with SIMD.
        readonly float[] _weightsByInput;
#endif

        /// <summary>Copies the arrays, so the layer cannot change after construction.</summary>
        public DenseLayer(int inputs, int outputs, Activation activation, float[] weights, float[] bias)
        {
            if (inputs < 1 || outputs < 1 || inputs > PolicyFormat.MaxLayerWidth || outputs > PolicyFormat.MaxLayerWidth)
                throw new PolicyFormatException(PolicyError.SizeOutOfRange, "layer size " + inputs + "x" + outputs + " is out of range");
            if (weights == null || bias == null || weights.Length != inputs * outputs || bias.Length != outputs)
                throw new PolicyFormatException(PolicyError.InvalidValue, "layer arrays do not match its size " + inputs + "x" + outputs);
            if (!ActivationFunction.IsKnown(activation))
                throw new PolicyFormatException(PolicyError.InvalidValue, "unknown activation " + (int)activation);
            Inputs = inputs;
            Outputs = outputs;
            Activation = activation;
            _weights = new float[weights.Length];
            _bias = new float[bias.Length];
            for (int i = 0; i < weights.Length; i++) _weights[i] = Checked(weights[i]);
            for (int i = 0; i < bias.Length; i++) _bias[i] = Checked(bias[i]);
#if !NANOFRAMEWORK
            _weightsByInput = new float[weights.Length];
            for (int o = 0; o < outputs; o++)
                for (int i = 0; i < inputs; i++) _weightsByInput[i * outputs + o] = _weights[o * inputs + i];
#endif
        }

        public int Inputs { get; private set; }
        public int Outputs { get; private set; }
        public Activation Activation { get; private set; }
        public int ParameterCount { get { return _weights.Length + _bias.Length; } }

        public float Weight(int output, int input) { return _weights[output * Inputs + input]; }
        public float Bias(int output) { return _bias[output]; }

#if NANOFRAMEWORK
        /// <summary>Writes activation(W x + b) for x = input[0..Inputs) into output[0..Outputs).</summary>
        public void Forward(float[] input, float[] output) { ForwardPortable(input, output); }
#else
        /// <summary>
        /// Writes activation(W x + b) for x = input[0..Inputs) into output[0..Outputs) with SIMD:
        /// blocks of four vectors of outputs stay in registers while every input's column is added.
        /// Compiled fully optimized at once, skipping the JIT's slow first tier: the first control
        /// ticks run at full speed, and a busy trainer (whose rollouts run these layers) is not left
        /// in that tier for whole runs, as was measured.
        /// </summary>
        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
        public void Forward(float[] input, float[] output)
        {
            int n = Outputs, inputs = Inputs, width = System.Numerics.Vector<float>.Count;
            float[] w = _weightsByInput;
            int o = 0;
            for (; o + 4 * width <= n; o += 4 * width)
            {
                var a0 = new System.Numerics.Vector<float>(_bias, o);
                var a1 = new System.Numerics.Vector<float>(_bias, o + width);
                var a2 = new System.Numerics.Vector<float>(_bias, o + 2 * width);
                var a3 = new System.Numerics.Vector<float>(_bias, o + 3 * width);
                for (int i = 0; i < inputs; i++)
                {
                    var x = new System.Numerics.Vector<float>(input[i]);
                    int column = i * n + o;
                    a0 += new System.Numerics.Vector<float>(w, column) * x;
                    a1 += new System.Numerics.Vector<float>(w, column + width) * x;
                    a2 += new System.Numerics.Vector<float>(w, column + 2 * width) * x;
                    a3 += new System.Numerics.Vector<float>(w, column + 3 * width) * x;
                }
                a0.CopyTo(output, o);
                a1.CopyTo(output, o + width);
                a2.CopyTo(output, o + 2 * width);
                a3.CopyTo(output, o + 3 * width);
            }
            for (; o + width <= n; o += width)
            {
                var a = new System.Numerics.Vector<float>(_bias, o);
                for (int i = 0; i < inputs; i++) a += new System.Numerics.Vector<float>(w, i * n + o) * new System.Numerics.Vector<float>(input[i]);
                a.CopyTo(output, o);
            }
            for (; o < n; o++)
            {
                float sum = _bias[o];
                for (int i = 0; i < inputs; i++) sum += w[i * n + o] * input[i];
                output[o] = sum;
            }
            var y = new System.Span<float>(output, 0, n);
            if (Activation == Activation.Tanh) System.Numerics.Tensors.TensorPrimitives.Tanh(y, y);
            else if (Activation == Activation.Relu) System.Numerics.Tensors.TensorPrimitives.Max(y, 0f, y);
            else if (Activation == Activation.Sigmoid) System.Numerics.Tensors.TensorPrimitives.Sigmoid(y, y);
            else if (Activation == Activation.Elu)
                for (int o2 = 0; o2 < n; o2++) output[o2] = ActivationFunction.Apply(Activation.Elu, output[o2]);
        }
#endif

        /// <summary>The forward pass in plain loops with the runtime's own tanh: what runs on nanoFramework.</summary>
        public void ForwardPortable(float[] input, float[] output)
        {
            int n = Inputs;
            float[] w = _weights;
            for (int o = 0; o < Outputs; o++)
            {
                float sum = _bias[o];
                int row = o * n;
                for (int i = 0; i < n; i++) sum += w[row + i] * input[i];
                sum = ActivationFunction.Apply(Activation, sum);
                output[o] = sum;
            }
        }

        static float Checked(float v)
        {
            if (float.IsNaN(v) || float.IsInfinity(v))
                throw new PolicyFormatException(PolicyError.NonFiniteValue, "a layer holds a NaN or infinite weight");
            return v;
        }
    }
}
