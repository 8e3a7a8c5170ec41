namespace Robot.Policy
{
    /// <summary>
    /// What each <see cref="Activation"/> computes, in plain float arithmetic with the runtime's own exp
    /// (nanoFramework has no System.Math), and which format version may carry it.
    /// </summary>
    public static class ActivationFunction
    {
        /// <summary>Whether the runtime knows this activation at all.</summary>
        public static bool IsKnown(Activation activation)
        {
            return activation == Activation.Identity || activation == Activation.Tanh || activation == Activation.Relu
                || activation == Activation.Sigmoid || activation == Activation.Elu;
        }

        /// <summary>The lowest format version whose files may use this activation.</summary>
        public static int MinimumVersion(Activation activation)
        {
            return activation == Activation.Sigmoid || activation == Activation.Elu ? PolicyFormat.ActivationsVersion : PolicyFormat.Version;
        }

        /// <summary>The activation of one value.</summary>
        public static float Apply(Activation activation, float x)
        {
            if (activation == Activation.Tanh) return FastMath.Tanh(x);
            if (activation == Activation.Relu) return x < 0 ? 0 : x;
            if (activation == Activation.Sigmoid) return 1f / (1f + FastMath.Exp(-x));
            // ELU with alpha 1 (PyTorch's and ONNX's default).
            if (activation == Activation.Elu) return x > 0 ? x : FastMath.Exp(x) - 1f;
            return x;
        }
    }
}
