namespace Robot.Policy
{
    /// <summary>
    /// Reads a policy file from bytes (no file system needed). Every malformed input ends in a
    /// <see cref="PolicyFormatException"/> naming the problem; sizes are checked against the bytes
    /// present and the format's limits before anything is allocated.
    /// </summary>
    public static class PolicyReader
    {
        public static PolicyModel Read(byte[] data)
        {
            if (data == null || data.Length < PolicyFormat.HeaderSize + PolicyFormat.ChecksumSize)
                throw Fail(PolicyError.Truncated, "file is shorter than a header and checksum");
            if (data[0] != PolicyFormat.Magic0 || data[1] != PolicyFormat.Magic1 || data[2] != PolicyFormat.Magic2 || data[3] != PolicyFormat.Magic3)
                throw Fail(PolicyError.BadMagic, "not a policy file (magic is not RPOL)");
            var header = new ByteReader(data, 4, PolicyFormat.HeaderSize);
            int version = header.U16();
            if (version < PolicyFormat.Version || version > PolicyFormat.ActivationsVersion)
                throw Fail(PolicyError.UnsupportedVersion, "format version " + version + " is not supported (this reader knows " + PolicyFormat.Version + " to " + PolicyFormat.ActivationsVersion + ")");
            header.Reserved();
            long total = header.U32();
            if (total > PolicyFormat.MaxFileBytes) throw Fail(PolicyError.SizeOutOfRange, "declared file length " + total + " exceeds the limit");
            if (total > data.Length) throw Fail(PolicyError.Truncated, "file is truncated: " + data.Length + " of " + total + " bytes");
            if (total != data.Length) throw Fail(PolicyError.LengthMismatch, "file has " + data.Length + " bytes but declares " + total);
            int end = (int)total - PolicyFormat.ChecksumSize;
            uint stored = new ByteReader(data, end, (int)total).U32();
            uint actual = Crc32.Compute(data, 0, end);
            if (stored != actual) throw Fail(PolicyError.ChecksumMismatch, "checksum mismatch: the file is corrupt");

            bool haveSpec = false, haveNorm = false, haveLayers = false, haveMeta = false, haveImage = false, haveConvs = false, pictures = false;
            ImageInput? image = null;
            int convCount = 0, convStart = 0, convEnd = 0, observationValues = 0;
            string[] names = new string[0];
            int kind = 0, transform = 0, actionSize = 0;
            float[]? low = null, high = null, scale = null, offset = null;
            float[] mean = new float[0], std = new float[0];
            float clip = 0;
            DenseLayer[] layers = new DenseLayer[0];
            string[] keys = new string[0], values = new string[0];

            int pos = PolicyFormat.HeaderSize;
            while (pos < end)
            {
                var sh = new ByteReader(data, pos, end);
                int tag = sh.U16();
                sh.Reserved();
                long length = sh.U32();
                if (length > end - sh.Position) throw Fail(PolicyError.Truncated, "section " + tag + " runs past the end of the file");
                var s = new ByteReader(data, sh.Position, sh.Position + (int)length);
                switch (tag)
                {
                    case PolicyFormat.TagSpec:
                        if (haveSpec) throw Duplicate(tag);
                        haveSpec = true;
                        int obs = s.U16();
                        kind = s.U8();
                        transform = s.U8();
                        actionSize = s.U16();
                        if (version == PolicyFormat.Version) s.Reserved();
                        else
                        {
                            int flags = s.U16();
                            if ((flags & ~PolicyFormat.SpecFlagImage) != 0) throw Fail(PolicyError.InvalidValue, "unknown spec flags " + flags);
                            pictures = (flags & PolicyFormat.SpecFlagImage) != 0;
                        }
                        observationValues = obs;
                        if (pictures) obs = 0; // a picture's entries have no names
                        else if (obs < 1 || obs > PolicyFormat.MaxObservationSize) throw Fail(PolicyError.SizeOutOfRange, "observation size " + obs + " is out of range");
                        if (actionSize < 1 || actionSize > PolicyFormat.MaxActionSize) throw Fail(PolicyError.SizeOutOfRange, "action size " + actionSize + " is out of range");
                        names = new string[obs];
                        for (int i = 0; i < obs; i++) names[i] = s.String();
                        if (kind == (int)ActionKind.Continuous)
                        {
                            low = new float[actionSize]; high = new float[actionSize]; scale = new float[actionSize]; offset = new float[actionSize];
                            for (int j = 0; j < actionSize; j++) { low[j] = s.F32(); high[j] = s.F32(); scale[j] = s.F32(); offset[j] = s.F32(); }
                        }
                        break;
                    case PolicyFormat.TagNormalization:
                        if (haveNorm) throw Duplicate(tag);
                        if (!haveSpec) throw Fail(PolicyError.MissingSection, "normalization section comes before the spec section");
                        haveNorm = true;
                        mean = s.Floats(names.Length);
                        std = s.Floats(names.Length);
                        clip = s.F32();
                        break;
                    case PolicyFormat.TagLayers:
                        if (haveLayers) throw Duplicate(tag);
                        haveLayers = true;
                        layers = ReadLayers(s, version);
                        break;
                    case PolicyFormat.TagImage:
                        if (version == PolicyFormat.Version) throw Fail(PolicyError.UnknownSection, "an image section in a version-1 file");
                        if (haveImage) throw Duplicate(tag);
                        haveImage = true;
                        int frames = s.U16(), height = s.U16(), across = s.U16();
                        s.Reserved();
                        image = new ImageInput(frames, height, across, s.F32());
                        break;
                    case PolicyFormat.TagConvolutions:
                        if (version == PolicyFormat.Version) throw Fail(PolicyError.UnknownSection, "a convolutions section in a version-1 file");
                        if (haveConvs) throw Duplicate(tag);
                        haveConvs = true;
                        // Read once the image section is known (the first convolution's input is the picture).
                        convCount = s.U16();
                        s.Reserved();
                        if (convCount < 1 || convCount > PolicyFormat.MaxConvolutions) throw Fail(PolicyError.SizeOutOfRange, "convolution count " + convCount + " is out of range");
                        convStart = s.Position;
                        convEnd = s.Limit;
                        s.Skip(s.Limit - s.Position);
                        break;
                    case PolicyFormat.TagMetadata:
                        if (haveMeta) throw Duplicate(tag);
                        haveMeta = true;
                        int count = s.U16();
                        if (count > PolicyFormat.MaxMetadataEntries) throw Fail(PolicyError.SizeOutOfRange, "too many metadata entries: " + count);
                        keys = new string[count];
                        values = new string[count];
                        for (int i = 0; i < count; i++) { keys[i] = s.String(); values[i] = s.String(); }
                        break;
                    default:
                        if ((tag & PolicyFormat.OptionalTagBit) == 0) throw Fail(PolicyError.UnknownSection, "unknown required section " + tag);
                        s.Skip((int)length);
                        break;
                }
                if (s.Position != s.Limit) throw Fail(PolicyError.LengthMismatch, "section " + tag + " declares " + length + " bytes but its content differs");
                pos = s.Limit;
            }
            if (!haveSpec) throw Fail(PolicyError.MissingSection, "no spec section");
            if (pictures)
            {
                if (!haveImage || !haveConvs) throw Fail(PolicyError.MissingSection, "a policy that sees pictures needs its image and convolutions sections");
                if (haveNorm) throw Fail(PolicyError.InvalidValue, "a policy that sees pictures has no normalization section");
                if (image!.Size != observationValues) throw Fail(PolicyError.LayersDoNotChain, "the spec's " + observationValues + " observation values are not the image's " + image.Size);
                var convolutions = ReadConvolutions(new ByteReader(data, convStart, convEnd), convCount, image, version);
                if (!haveLayers) throw Fail(PolicyError.MissingSection, "no layers section");
                if (!haveMeta) throw Fail(PolicyError.MissingSection, "no metadata section");
                return Canonical(new PolicyModel(image, convolutions, (ActionKind)kind, actionSize, (OutputTransform)transform, low, high, scale, offset, layers, keys, values), version);
            }
            if (haveImage || haveConvs) throw Fail(PolicyError.InvalidValue, "image sections in a file whose spec does not say it sees pictures");
            if (!haveNorm) throw Fail(PolicyError.MissingSection, "no normalization section");
            if (!haveLayers) throw Fail(PolicyError.MissingSection, "no layers section");
            if (!haveMeta) throw Fail(PolicyError.MissingSection, "no metadata section");
            // The model's constructor checks everything that spans sections (chaining, values).
            return Canonical(new PolicyModel(names, (ActionKind)kind, actionSize, (OutputTransform)transform, low, high, scale, offset,
                mean, std, clip, layers, keys, values), version);
        }

        /// <summary>Reads and refuses, with SpecMismatch, a policy that does not fit the caller.</summary>
        public static PolicyModel Read(byte[] data, int observationSize, ActionKind actionKind, int actionSize)
        {
            PolicyModel model = Read(data);
            model.RequireSpec(observationSize, actionKind, actionSize);
            return model;
        }

        static DenseLayer[] ReadLayers(ByteReader s, int version)
        {
            int count = s.U16();
            s.Reserved();
            if (count < 1 || count > PolicyFormat.MaxLayers) throw Fail(PolicyError.SizeOutOfRange, "layer count " + count + " is out of range");
            var layers = new DenseLayer[count];
            long parameters = 0;
            for (int l = 0; l < count; l++)
            {
                int layerKind = s.U8();
                int activation = s.U8();
                int inputs = s.U16();
                int outputs = s.U16();
                s.Reserved();
                if (layerKind != (int)LayerKind.Dense) throw Fail(PolicyError.InvalidValue, "layer " + l + " has unknown kind " + layerKind);
                RequireVersionFor(activation, version, "layer " + l);
                if (inputs < 1 || outputs < 1 || inputs > PolicyFormat.MaxLayerWidth || outputs > PolicyFormat.MaxLayerWidth)
                    throw Fail(PolicyError.SizeOutOfRange, "layer " + l + " size " + inputs + "x" + outputs + " is out of range");
                parameters += (long)inputs * outputs + outputs;
                if (parameters > PolicyFormat.MaxParameters) throw Fail(PolicyError.SizeOutOfRange, "too many parameters");
                // Floats(n) checks the bytes are there before allocating.
                float[] weights = s.Floats(inputs * outputs);
                float[] bias = s.Floats(outputs);
                layers[l] = new DenseLayer(inputs, outputs, (Activation)activation, weights, bias);
            }
            return layers;
        }

        static ConvLayer[] ReadConvolutions(ByteReader s, int count, ImageInput image, int version)
        {
            var convolutions = new ConvLayer[count];
            int channels = image.Frames, height = image.Height, across = image.Width;
            for (int c = 0; c < count; c++)
            {
                int activation = s.U8(), kernel = s.U8(), stride = s.U8(), padding = s.U8();
                RequireVersionFor(activation, version, "convolution " + c);
                int inChannels = s.U16(), outChannels = s.U16();
                if (inChannels != channels)
                    throw Fail(PolicyError.LayersDoNotChain, "convolution " + c + " takes " + inChannels + " channels but receives " + channels);
                if (outChannels < 1 || outChannels > PolicyFormat.MaxChannels || kernel < 1 || kernel > PolicyFormat.MaxKernel)
                    throw Fail(PolicyError.SizeOutOfRange, "convolution " + c + " is out of range");
                // Floats(n) checks the bytes are there before allocating.
                float[] weights = s.Floats(outChannels * inChannels * kernel * kernel);
                float[] bias = s.Floats(outChannels);
                var conv = new ConvLayer(inChannels, height, across, outChannels, kernel, stride, padding, (Activation)activation, weights, bias);
                convolutions[c] = conv;
                channels = conv.OutChannels; height = conv.OutHeight; across = conv.OutWidth;
            }
            if (s.Position != s.Limit) throw Fail(PolicyError.LengthMismatch, "the convolutions section's content differs from its length");
            return convolutions;
        }

        /// <summary>An activation newer than the file's version is refused: an older reader could not have read it either.</summary>
        static void RequireVersionFor(int activation, int version, string where)
        {
            if (ActivationFunction.IsKnown((Activation)activation) && ActivationFunction.MinimumVersion((Activation)activation) > version)
                throw Fail(PolicyError.InvalidValue, where + "'s activation " + activation + " needs format version " + PolicyFormat.ActivationsVersion + ", the file is version " + version);
        }

        /// <summary>A file is in the lowest version that holds its policy (what every writer writes), so what is read writes back byte for byte.</summary>
        static PolicyModel Canonical(PolicyModel model, int version)
        {
            if (model.FormatVersion != version)
                throw Fail(PolicyError.InvalidValue, "a version-" + version + " file holding a policy of version " + model.FormatVersion);
            return model;
        }

        static PolicyFormatException Duplicate(int tag) { return Fail(PolicyError.DuplicateSection, "section " + tag + " appears twice"); }

        static PolicyFormatException Fail(PolicyError reason, string message) { return new PolicyFormatException(reason, message); }

        /// <summary>Little-endian reads within [position, limit), failing with Truncated past the limit.</summary>
        sealed class ByteReader
        {
            readonly byte[] _data;

            public ByteReader(byte[] data, int position, int limit)
            {
                _data = data;
                Position = position;
                Limit = limit;
            }

            public int Position { get; private set; }
            public int Limit { get; private set; }

            void Need(int bytes)
            {
                if (bytes < 0 || Limit - Position < bytes) throw Fail(PolicyError.Truncated, "data ends inside a field at byte " + Position);
            }

            public int U8() { Need(1); return _data[Position++]; }

            public int U16()
            {
                Need(2);
                int v = _data[Position] | (_data[Position + 1] << 8);
                Position += 2;
                return v;
            }

            public uint U32()
            {
                Need(4);
                uint v = (uint)_data[Position] | ((uint)_data[Position + 1] << 8) | ((uint)_data[Position + 2] << 16) | ((uint)_data[Position + 3] << 24);
                Position += 4;
                return v;
            }

            public float F32()
            {
                Need(4);
                float v = System.BitConverter.ToSingle(_data, Position);
                Position += 4;
                return v;
            }

            public float[] Floats(int count)
            {
                Need(count * 4);
                var values = new float[count];
                for (int i = 0; i < count; i++) values[i] = F32();
                return values;
            }

            /// <summary>u16 length then that many printable-ASCII bytes.</summary>
            public string String()
            {
                int length = U16();
                if (length > PolicyFormat.MaxStringBytes) throw Fail(PolicyError.BadString, "string of " + length + " bytes exceeds the limit");
                Need(length);
                var chars = new char[length];
                for (int i = 0; i < length; i++)
                {
                    byte b = _data[Position + i];
                    if (b < 0x20 || b > 0x7E) throw Fail(PolicyError.BadString, "strings must be printable ASCII");
                    chars[i] = (char)b;
                }
                Position += length;
                return new string(chars);
            }

            /// <summary>A reserved u16, which version 1 requires to be zero.</summary>
            public void Reserved()
            {
                if (U16() != 0) throw Fail(PolicyError.InvalidValue, "a reserved field is not zero at byte " + (Position - 2));
            }

            public void Skip(int bytes) { Need(bytes); Position += bytes; }
        }
    }
}
