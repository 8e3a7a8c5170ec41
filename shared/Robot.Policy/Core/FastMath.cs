namespace Robot.Policy
{
    /// <summary>
    /// exp and tanh in float without System.Math (which nanoFramework's mscorlib lacks).
    /// exp: x = k ln2 + r with |r| &lt;= ln2/2, e^r by a degree-7 Taylor polynomial, 2^k from a table.
    /// tanh: an odd Taylor polynomial near 0 (no cancellation), 1 - 2/(e^2x + 1) elsewhere.
    /// </summary>
    public static class FastMath
    {
        const float Ln2Hi = 0.693145751953125f;      // ln 2 split so that k * Ln2Hi is exact
        const float Ln2Lo = 1.42860682030941723e-6f;
        const float InvLn2 = 1.44269504088896341f;
        static readonly float[] PowersOfTwo = BuildPowersOfTwo();

        static float[] BuildPowersOfTwo()
        {
            // 2^k for k in [-126, 127], index k + 126.
            var table = new float[254];
            float p = 1f;
            for (int k = 0; k <= 127; k++) { table[k + 126] = p; p *= 2f; }
            p = 1f;
            for (int k = 0; k >= -126; k--) { table[k + 126] = p; p *= 0.5f; }
            return table;
        }

        public static float Exp(float x)
        {
            if (float.IsNaN(x)) return x;
            if (x > 88.72f) return float.PositiveInfinity;
            if (x < -87.33f) return 0f;
            int k = (int)(x * InvLn2 + (x >= 0 ? 0.5f : -0.5f));
            float r = (x - k * Ln2Hi) - k * Ln2Lo;
            // e^r, |r| <= 0.3466: Horner form of the Taylor series to r^7 (error < 3e-9 relative).
            float p = 1f + r * (1f + r * (0.5f + r * (1f / 6f + r * (1f / 24f + r * (1f / 120f + r * (1f / 720f + r * (1f / 5040f)))))));
            return p * PowersOfTwo[k + 126];
        }

        public static float Tanh(float x)
        {
            if (float.IsNaN(x)) return x;
            float a = x < 0 ? -x : x;
            if (a < 0.5f)
            {
                // tanh x = x - x^3/3 + 2x^5/15 - 17x^7/315 + 62x^9/2835 - 1382x^11/155925 + 21844x^13/6081075 - ...
                float x2 = x * x;
                return x * (1f + x2 * (-1f / 3f + x2 * (2f / 15f + x2 * (-17f / 315f + x2 * (62f / 2835f + x2 * (-1382f / 155925f + x2 * (21844f / 6081075f)))))));
            }
            if (a > 9.1f) return x < 0 ? -1f : 1f; // tanh is 1 to float precision
            float t = 1f - 2f / (Exp(2f * a) + 1f);
            return x < 0 ? -t : t;
        }
    }
}
