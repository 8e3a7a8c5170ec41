namespace Robot.Policy
{
    /// <summary>
    /// The forward pass of a policy network: each observation normalized as (x - mean) / std and
    /// clipped to +-clip, then the dense layers. The robot's <see cref="PolicyModel"/> and the
    /// trainer's rollout snapshots both run this one loop, so they cannot drift apart.
    /// </summary>
    public static class NormalizedForward
    {
        /// <summary>
        /// Runs the row observations[offset .. offset + mean.Length) through <paramref name="layers"/>,
        /// ping-ponging between <paramref name="a"/> and <paramref name="b"/> (each at least as long
        /// as the widest vector). Returns whichever of the two holds the outputs, or null when an
        /// observation or an output is NaN or infinite. Callers own and validate the arrays.
        /// </summary>
#if !NANOFRAMEWORK
        // Fully optimized at once, as DenseLayer.Forward: the first control ticks and a busy trainer's rollouts run at full speed.
        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
#endif
        public static float[]? Run(float[] mean, float[] std, float clip, DenseLayer[] layers,
            float[] observations, int offset, float[] a, float[] b)
        {
            for (int i = 0; i < mean.Length; i++)
            {
                float v = observations[offset + i];
                if (!PolicyModel.Finite(v)) return null;
                float z = (v - mean[i]) / std[i]; // divided, as training does, so both round alike
                a[i] = z > clip ? clip : (z < -clip ? -clip : z);
            }
            return RunLayers(layers, a, b);
        }

        /// <summary>The dense layers on the vector already in <paramref name="a"/>; the array holding the outputs, or null when one is not finite.</summary>
#if !NANOFRAMEWORK
        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
#endif
        public static float[]? RunLayers(DenseLayer[] layers, float[] a, float[] b)
        {
            for (int l = 0; l < layers.Length; l++)
            {
                layers[l].Forward(a, b);
                float[] t = a; a = b; b = t;
            }
            int outputs = layers[layers.Length - 1].Outputs;
            for (int j = 0; j < outputs; j++) if (!PolicyModel.Finite(a[j])) return null;
            return a;
        }
    }
}
