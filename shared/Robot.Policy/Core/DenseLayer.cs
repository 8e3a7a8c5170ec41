namespace Robot.Policy
{
    /// <summary>y = activation(W x + b), W stored row-major with Out rows of In weights.</summary>
    public sealed class DenseLayer
    {
        readonly float[] _weights;
        readonly float[] _bias;

        /// <summary>Copies the arrays, so the layer cannot change after construction.</summary>
        public DenseLayer(int inputs, int outputs, Activation activation, float[] weights, float[] bias)
        {
            if (inputs < 1 || outputs < 1 || inputs > PolicyFormat.MaxLayerWidth || outputs > PolicyFormat.MaxLayerWidth)
                throw new PolicyFormatException(PolicyError.SizeOutOfRange, "layer size " + inputs + "x" + outputs + " is out of range");
            if (weights == null || bias == null || weights.Length != inputs * outputs || bias.Length != outputs)
                throw new PolicyFormatException(PolicyError.InvalidValue, "layer arrays do not match its size " + inputs + "x" + outputs);
            if (activation != Activation.Identity && activation != Activation.Tanh && activation != Activation.Relu)
                throw new PolicyFormatException(PolicyError.InvalidValue, "unknown activation " + (int)activation);
            Inputs = inputs;
            Outputs = outputs;
            Activation = activation;
            _weights = new float[weights.Length];
            _bias = new float[bias.Length];
            for (int i = 0; i < weights.Length; i++) _weights[i] = Checked(weights[i]);
            for (int i = 0; i < bias.Length; i++) _bias[i] = Checked(bias[i]);
        }

        public int Inputs { get; private set; }
        public int Outputs { get; private set; }
        public Activation Activation { get; private set; }
        public int ParameterCount { get { return _weights.Length + _bias.Length; } }

        public float Weight(int output, int input) { return _weights[output * Inputs + input]; }
        public float Bias(int output) { return _bias[output]; }

        /// <summary>Writes activation(W x + b) for x = input[0..Inputs) into output[0..Outputs).</summary>
        public void Forward(float[] input, float[] output)
        {
            int n = Inputs;
            float[] w = _weights;
            for (int o = 0; o < Outputs; o++)
            {
                float sum = _bias[o];
                int row = o * n;
                for (int i = 0; i < n; i++) sum += w[row + i] * input[i];
                if (Activation == Activation.Tanh) sum = FastMath.Tanh(sum);
                else if (Activation == Activation.Relu && sum < 0) sum = 0;
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
