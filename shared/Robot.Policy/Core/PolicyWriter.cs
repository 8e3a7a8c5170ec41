namespace Robot.Policy
{
    /// <summary>Serializes a <see cref="PolicyModel"/> into the version-1 file format, checksum included.</summary>
    public static class PolicyWriter
    {
        public static byte[] Write(PolicyModel model)
        {
            int obs = model.ObservationSize;
            bool continuous = model.ActionKind == ActionKind.Continuous;

            int spec = 8 + (continuous ? model.ActionSize * 16 : 0);
            for (int i = 0; i < obs; i++) spec += 2 + model.ObservationName(i).Length;
            int norm = obs * 8 + 4;
            int layers = 4;
            for (int l = 0; l < model.LayerCount; l++) layers += 8 + model.Layer(l).ParameterCount * 4;
            int meta = 2;
            for (int i = 0; i < model.MetadataCount; i++) meta += 4 + model.MetadataKey(i).Length + model.MetadataValue(i).Length;
            int total = PolicyFormat.HeaderSize + 4 * PolicyFormat.SectionHeaderSize + spec + norm + layers + meta + PolicyFormat.ChecksumSize;

            var w = new ByteWriter(new byte[total]);
            w.U8(PolicyFormat.Magic0); w.U8(PolicyFormat.Magic1); w.U8(PolicyFormat.Magic2); w.U8(PolicyFormat.Magic3);
            w.U16(PolicyFormat.Version);
            w.U16(0);
            w.U32((uint)total);

            w.Section(PolicyFormat.TagSpec, spec);
            w.U16(obs);
            w.U8((int)model.ActionKind);
            w.U8((int)model.Transform);
            w.U16(model.ActionSize);
            w.U16(0);
            for (int i = 0; i < obs; i++) w.String(model.ObservationName(i));
            if (continuous)
                for (int j = 0; j < model.ActionSize; j++)
                {
                    w.F32(model.ActionLow(j)); w.F32(model.ActionHigh(j)); w.F32(model.ActionScale(j)); w.F32(model.ActionOffset(j));
                }

            w.Section(PolicyFormat.TagNormalization, norm);
            for (int i = 0; i < obs; i++) w.F32(model.NormMean(i));
            for (int i = 0; i < obs; i++) w.F32(model.NormStd(i));
            w.F32(model.NormClip);

            w.Section(PolicyFormat.TagLayers, layers);
            w.U16(model.LayerCount);
            w.U16(0);
            for (int l = 0; l < model.LayerCount; l++)
            {
                DenseLayer layer = model.Layer(l);
                w.U8((int)LayerKind.Dense);
                w.U8((int)layer.Activation);
                w.U16(layer.Inputs);
                w.U16(layer.Outputs);
                w.U16(0);
                for (int o = 0; o < layer.Outputs; o++)
                    for (int i = 0; i < layer.Inputs; i++) w.F32(layer.Weight(o, i));
                for (int o = 0; o < layer.Outputs; o++) w.F32(layer.Bias(o));
            }

            w.Section(PolicyFormat.TagMetadata, meta);
            w.U16(model.MetadataCount);
            for (int i = 0; i < model.MetadataCount; i++) { w.String(model.MetadataKey(i)); w.String(model.MetadataValue(i)); }

            w.U32(Crc32.Compute(w.Data, 0, total - PolicyFormat.ChecksumSize));
            return w.Data;
        }

        sealed class ByteWriter
        {
            int _position;

            public ByteWriter(byte[] data) { Data = data; }

            public byte[] Data { get; private set; }

            public void U8(int v) { Data[_position++] = (byte)v; }
            public void U16(int v) { U8(v); U8(v >> 8); }
            public void U32(uint v) { U8((int)(v & 0xFF)); U8((int)((v >> 8) & 0xFF)); U8((int)((v >> 16) & 0xFF)); U8((int)(v >> 24)); }

            public void F32(float v)
            {
                byte[] b = System.BitConverter.GetBytes(v);
                for (int i = 0; i < 4; i++) U8(b[i]);
            }

            public void String(string s)
            {
                U16(s.Length);
                for (int i = 0; i < s.Length; i++) U8(s[i]);
            }

            public void Section(int tag, int length) { U16(tag); U16(0); U32((uint)length); }
        }
    }
}
