namespace Robot.Policy
{
    /// <summary>
    /// Serializes a <see cref="PolicyModel"/>, checksum included, in the lowest version that holds it: 1 for
    /// named observations (byte for byte what version-1 writers wrote), 2 for a policy that sees pictures,
    /// 3 when a layer's activation is one of version 3's.
    /// </summary>
    public static class PolicyWriter
    {
        public static byte[] Write(PolicyModel model)
        {
            ImageInput? image = model.Image;
            int obs = image != null ? 0 : model.ObservationSize; // a picture's entries have no names
            bool continuous = model.ActionKind == ActionKind.Continuous;

            int spec = 8 + (continuous ? model.ActionSize * 16 : 0);
            for (int i = 0; i < obs; i++) spec += 2 + model.ObservationName(i).Length;
            int norm = obs * 8 + 4;
            int imageBytes = 12, convs = 4;
            for (int c = 0; c < model.ConvolutionCount; c++) convs += 8 + model.Convolution(c).ParameterCount * 4;
            int layers = 4;
            for (int l = 0; l < model.LayerCount; l++) layers += 8 + model.Layer(l).ParameterCount * 4;
            int meta = 2;
            for (int i = 0; i < model.MetadataCount; i++) meta += 4 + model.MetadataKey(i).Length + model.MetadataValue(i).Length;
            int total = image != null
                ? PolicyFormat.HeaderSize + 5 * PolicyFormat.SectionHeaderSize + spec + imageBytes + convs + layers + meta + PolicyFormat.ChecksumSize
                : PolicyFormat.HeaderSize + 4 * PolicyFormat.SectionHeaderSize + spec + norm + layers + meta + PolicyFormat.ChecksumSize;

            var w = new ByteWriter(new byte[total]);
            w.U8(PolicyFormat.Magic0); w.U8(PolicyFormat.Magic1); w.U8(PolicyFormat.Magic2); w.U8(PolicyFormat.Magic3);
            w.U16(model.FormatVersion);
            w.U16(0);
            w.U32((uint)total);

            w.Section(PolicyFormat.TagSpec, spec);
            w.U16(image != null ? image.Size : obs);
            w.U8((int)model.ActionKind);
            w.U8((int)model.Transform);
            w.U16(model.ActionSize);
            w.U16(image != null ? PolicyFormat.SpecFlagImage : 0);
            for (int i = 0; i < obs; i++) w.String(model.ObservationName(i));
            if (continuous)
                for (int j = 0; j < model.ActionSize; j++)
                {
                    w.F32(model.ActionLow(j)); w.F32(model.ActionHigh(j)); w.F32(model.ActionScale(j)); w.F32(model.ActionOffset(j));
                }

            if (image == null)
            {
                w.Section(PolicyFormat.TagNormalization, norm);
                for (int i = 0; i < obs; i++) w.F32(model.NormMean(i));
                for (int i = 0; i < obs; i++) w.F32(model.NormStd(i));
                w.F32(model.NormClip);
            }
            else
            {
                w.Section(PolicyFormat.TagImage, imageBytes);
                w.U16(image.Frames); w.U16(image.Height); w.U16(image.Width); w.U16(0);
                w.F32(image.Scale);
                w.Section(PolicyFormat.TagConvolutions, convs);
                w.U16(model.ConvolutionCount);
                w.U16(0);
                for (int c = 0; c < model.ConvolutionCount; c++)
                {
                    ConvLayer conv = model.Convolution(c);
                    w.U8((int)conv.Activation); w.U8(conv.Kernel); w.U8(conv.Stride); w.U8(conv.Padding);
                    w.U16(conv.InChannels); w.U16(conv.OutChannels);
                    for (int o = 0; o < conv.OutChannels; o++)
                        for (int i = 0; i < conv.InChannels; i++)
                            for (int ky = 0; ky < conv.Kernel; ky++)
                                for (int kx = 0; kx < conv.Kernel; kx++) w.F32(conv.Weight(o, i, ky, kx));
                    for (int o = 0; o < conv.OutChannels; o++) w.F32(conv.Bias(o));
                }
            }

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
