namespace Robot.Policy
{
    /// <summary>
    /// A validated, immutable policy: observation spec and normalization, dense layers, action
    /// spec and output scaling, metadata. Act is allocation-free and exception-free; concurrent
    /// callers each use their own <see cref="PolicyWorkspace"/>.
    /// </summary>
    public sealed class PolicyModel
    {
        readonly string[] _observationNames;
        readonly float[] _mean, _std;
        readonly float[] _low, _high, _scale, _offset;
        readonly DenseLayer[] _layers;
        readonly string[] _metaKeys, _metaValues;
        readonly ImageInput? _image;
        readonly ConvLayer[] _convolutions;

        /// <param name="observationNames">Names with units, one per observation entry (e.g. "pitch_rad").</param>
        /// <param name="actionSize">Discrete: the number of actions. Continuous: the number of action values.</param>
        /// <param name="actionLow">Continuous only (null for discrete): per-value bounds, scale and offset.</param>
        /// <param name="normMean">Observation normalization (obs - mean) / std, clipped to +-normClip.</param>
        public PolicyModel(string[] observationNames, ActionKind actionKind, int actionSize, OutputTransform transform,
            float[]? actionLow, float[]? actionHigh, float[]? actionScale, float[]? actionOffset,
            float[] normMean, float[] normStd, float normClip, DenseLayer[] layers, string[]? metadataKeys, string[]? metadataValues)
            : this(null, null, observationNames, actionKind, actionSize, transform, actionLow, actionHigh, actionScale, actionOffset,
                normMean, normStd, normClip, layers, metadataKeys, metadataValues)
        {
        }

        /// <summary>A policy that sees pictures: the image, scaled, through the convolutions, flattened, then the dense layers.</summary>
        public PolicyModel(ImageInput image, ConvLayer[] convolutions, ActionKind actionKind, int actionSize, OutputTransform transform,
            float[]? actionLow, float[]? actionHigh, float[]? actionScale, float[]? actionOffset,
            DenseLayer[] layers, string[]? metadataKeys, string[]? metadataValues)
            : this(image, convolutions, new string[0], actionKind, actionSize, transform, actionLow, actionHigh, actionScale, actionOffset,
                new float[0], new float[0], 1, layers, metadataKeys, metadataValues)
        {
        }

        PolicyModel(ImageInput? image, ConvLayer[]? convolutions, string[] observationNames, ActionKind actionKind, int actionSize, OutputTransform transform,
            float[]? actionLow, float[]? actionHigh, float[]? actionScale, float[]? actionOffset,
            float[] normMean, float[] normStd, float normClip, DenseLayer[] layers, string[]? metadataKeys, string[]? metadataValues)
        {
            if (image == null && (observationNames == null || observationNames.Length < 1 || observationNames.Length > PolicyFormat.MaxObservationSize))
                throw Error(PolicyError.SizeOutOfRange, "observation size must be 1 to " + PolicyFormat.MaxObservationSize);
            if (observationNames == null) throw Error(PolicyError.InvalidValue, "observation names are missing");
            if (actionKind != ActionKind.Discrete && actionKind != ActionKind.Continuous)
                throw Error(PolicyError.InvalidValue, "unknown action kind " + (int)actionKind);
            if (actionSize < 1 || actionSize > PolicyFormat.MaxActionSize || (actionKind == ActionKind.Discrete && actionSize < 2))
                throw Error(PolicyError.SizeOutOfRange, "action size " + actionSize + " is out of range");
            if (transform != OutputTransform.Clip && transform != OutputTransform.TanhSquash)
                throw Error(PolicyError.InvalidValue, "unknown output transform " + (int)transform);
            int obs = observationNames.Length;
            _observationNames = new string[obs];
            for (int i = 0; i < obs; i++) _observationNames[i] = CheckString(observationNames[i]);

            if (normMean == null || normStd == null || normMean.Length != obs || normStd.Length != obs)
                throw Error(PolicyError.InvalidValue, "normalization must have one mean and one std per observation");
            if (!Finite(normClip) || normClip <= 0) throw Error(PolicyError.InvalidValue, "normalization clip must be positive and finite");
            _mean = new float[obs];
            _std = new float[obs];
            for (int i = 0; i < obs; i++)
            {
                if (!Finite(normMean[i]) || !Finite(normStd[i])) throw Error(PolicyError.NonFiniteValue, "normalization holds NaN or infinity");
                if (normStd[i] <= 0) throw Error(PolicyError.InvalidValue, "normalization std must be positive");
                _mean[i] = normMean[i];
                _std[i] = normStd[i];
            }
            NormClip = normClip;

            if (actionKind == ActionKind.Continuous)
            {
                if (actionLow == null || actionHigh == null || actionScale == null || actionOffset == null
                    || actionLow.Length != actionSize || actionHigh.Length != actionSize || actionScale.Length != actionSize || actionOffset.Length != actionSize)
                    throw Error(PolicyError.InvalidValue, "a continuous action needs low, high, scale and offset per value");
                _low = Copy(actionLow);
                _high = Copy(actionHigh);
                _scale = Copy(actionScale);
                _offset = Copy(actionOffset);
                for (int j = 0; j < actionSize; j++)
                    if (!(_low[j] <= _high[j])) throw Error(PolicyError.InvalidValue, "action low must not exceed high");
            }
            else
            {
                _low = _high = _scale = _offset = new float[0];
            }

            if (layers == null || layers.Length < 1 || layers.Length > PolicyFormat.MaxLayers)
                throw Error(PolicyError.SizeOutOfRange, "a policy needs 1 to " + PolicyFormat.MaxLayers + " layers");
            _layers = new DenseLayer[layers.Length];
            int width = obs, maxWidth = obs;
            long parameters = 0;
            _image = image;
            _convolutions = new ConvLayer[0];
            if (image != null)
            {
                if (convolutions == null || convolutions.Length < 1 || convolutions.Length > PolicyFormat.MaxConvolutions)
                    throw Error(PolicyError.SizeOutOfRange, "a policy that sees pictures needs 1 to " + PolicyFormat.MaxConvolutions + " convolutions");
                _convolutions = new ConvLayer[convolutions.Length];
                int channels = image.Frames, height = image.Height, across = image.Width;
                width = maxWidth = image.Size;
                for (int c = 0; c < convolutions.Length; c++)
                {
                    ConvLayer conv = convolutions[c];
                    if (conv == null) throw Error(PolicyError.InvalidValue, "convolution " + c + " is missing");
                    if (conv.InChannels != channels || conv.InHeight != height || conv.InWidth != across)
                        throw Error(PolicyError.LayersDoNotChain, "convolution " + c + " takes " + conv.InChannels + "x" + conv.InHeight + "x" + conv.InWidth
                            + " but receives " + channels + "x" + height + "x" + across);
                    channels = conv.OutChannels; height = conv.OutHeight; across = conv.OutWidth;
                    width = conv.OutputSize;
                    if (width > maxWidth) maxWidth = width;
                    parameters += conv.ParameterCount;
                    _convolutions[c] = conv;
                }
            }
            for (int l = 0; l < layers.Length; l++)
            {
                if (layers[l] == null) throw Error(PolicyError.InvalidValue, "layer " + l + " is missing");
                if (layers[l].Inputs != width)
                    throw Error(PolicyError.LayersDoNotChain, "layer " + l + " takes " + layers[l].Inputs + " inputs but receives " + width);
                width = layers[l].Outputs;
                if (width > maxWidth) maxWidth = width;
                parameters += layers[l].ParameterCount;
                _layers[l] = layers[l];
            }
            if (width != actionSize)
                throw Error(PolicyError.LayersDoNotChain, "the last layer gives " + width + " outputs but the action needs " + actionSize);
            if (parameters > PolicyFormat.MaxParameters) throw Error(PolicyError.SizeOutOfRange, "too many parameters");

            int meta = metadataKeys == null ? 0 : metadataKeys.Length;
            if (meta > PolicyFormat.MaxMetadataEntries || (metadataValues == null ? 0 : metadataValues.Length) != meta)
                throw Error(PolicyError.InvalidValue, "metadata must have one value per key, at most " + PolicyFormat.MaxMetadataEntries);
            _metaKeys = new string[meta];
            _metaValues = new string[meta];
            for (int i = 0; i < meta; i++)
            {
                _metaKeys[i] = CheckString(metadataKeys![i]);
                _metaValues[i] = CheckString(metadataValues![i]);
            }

            ActionKind = actionKind;
            ActionSize = actionSize;
            Transform = transform;
            MaxWidth = maxWidth;
            ParameterCount = (int)parameters;
        }

        public int ObservationSize { get { return _image != null ? _image.Size : _observationNames.Length; } }
        /// <summary>The picture the observation is, or null for named, normalized observations.</summary>
        public ImageInput? Image { get { return _image; } }
        public int ConvolutionCount { get { return _convolutions.Length; } }
        public ConvLayer Convolution(int c) { return _convolutions[c]; }
        public ActionKind ActionKind { get; private set; }
        /// <summary>Discrete: number of actions. Continuous: number of action values.</summary>
        public int ActionSize { get; private set; }
        /// <summary>Floats Act writes: 1 (the chosen index) for discrete, ActionSize for continuous.</summary>
        public int ActionWidth { get { return ActionKind == ActionKind.Discrete ? 1 : ActionSize; } }
        public OutputTransform Transform { get; private set; }
        public float NormClip { get; private set; }
        public int LayerCount { get { return _layers.Length; } }

        /// <summary>The lowest format version that holds this policy: the one it is written in, and the only one it is read from.</summary>
        public int FormatVersion
        {
            get
            {
                int version = _image != null ? PolicyFormat.ImageVersion : PolicyFormat.Version;
                for (int c = 0; c < _convolutions.Length; c++)
                    if (ActivationFunction.MinimumVersion(_convolutions[c].Activation) > version) version = ActivationFunction.MinimumVersion(_convolutions[c].Activation);
                for (int l = 0; l < _layers.Length; l++)
                    if (ActivationFunction.MinimumVersion(_layers[l].Activation) > version) version = ActivationFunction.MinimumVersion(_layers[l].Activation);
                return version;
            }
        }
        public int ParameterCount { get; private set; }
        /// <summary>The widest vector in the forward pass (sizes the workspace).</summary>
        public int MaxWidth { get; private set; }
        public int MetadataCount { get { return _metaKeys.Length; } }

        /// <summary>The name of observation entry i ("pixel" for every entry of a picture).</summary>
        public string ObservationName(int i) { return _image != null ? "pixel" : _observationNames[i]; }
        public float NormMean(int i) { return _mean[i]; }
        public float NormStd(int i) { return _std[i]; }
        public float ActionLow(int j) { return _low[j]; }
        public float ActionHigh(int j) { return _high[j]; }
        public float ActionScale(int j) { return _scale[j]; }
        public float ActionOffset(int j) { return _offset[j]; }
        public DenseLayer Layer(int l) { return _layers[l]; }
        public string MetadataKey(int i) { return _metaKeys[i]; }
        public string MetadataValue(int i) { return _metaValues[i]; }

        /// <summary>The metadata value for a key, or null.</summary>
        public string? Metadata(string key)
        {
            for (int i = 0; i < _metaKeys.Length; i++) if (_metaKeys[i] == key) return _metaValues[i];
            return null;
        }

        public PolicyWorkspace CreateWorkspace() { return new PolicyWorkspace(MaxWidth); }

        /// <summary>
        /// Writes the deterministic action for <paramref name="observation"/>: the index of the
        /// largest logit (discrete), or the network output scaled, offset and clipped to the bounds
        /// (continuous). Returns false, leaving <paramref name="action"/> untouched, when an array
        /// is too short, the workspace is too small, or the observation or output is NaN or infinite.
        /// </summary>
        public bool Act(float[] observation, float[] action, PolicyWorkspace workspace)
        {
            if (action == null || action.Length < ActionWidth) return false;
            float[]? a = Run(observation, workspace);
            if (a == null) return false;
            if (ActionKind == ActionKind.Discrete)
            {
                int best = 0;
                for (int j = 1; j < ActionSize; j++) if (a[j] > a[best]) best = j;
                action[0] = best;
                return true;
            }
            for (int j = 0; j < ActionSize; j++)
            {
                float y = Transform == OutputTransform.TanhSquash ? FastMath.Tanh(a[j]) : a[j];
                y = y * _scale[j] + _offset[j];
                action[j] = y > _high[j] ? _high[j] : (y < _low[j] ? _low[j] : y);
            }
            return true;
        }

        /// <summary>
        /// Writes the network's raw outputs (logits, or the Gaussian mean before scaling) into
        /// <paramref name="output"/>[0..ActionSize); false under the same conditions as Act.
        /// </summary>
        public bool Forward(float[] observation, float[] output, PolicyWorkspace workspace)
        {
            if (output == null || output.Length < ActionSize) return false;
            float[]? a = Run(observation, workspace);
            if (a == null) return false;
            for (int j = 0; j < ActionSize; j++) output[j] = a[j];
            return true;
        }

        /// <summary>Normalizes and runs the layers; the workspace array holding the outputs, or null on bad input or output.</summary>
        float[]? Run(float[] observation, PolicyWorkspace workspace)
        {
            if (observation == null || workspace == null) return null;
            if (observation.Length < ObservationSize || workspace.A.Length < MaxWidth) return null;
            if (_image == null) return NormalizedForward.Run(_mean, _std, NormClip, _layers, observation, 0, workspace.A, workspace.B);
            float[] a = workspace.A, b = workspace.B;
            float scale = _image.Scale;
            for (int i = 0; i < _image.Size; i++)
            {
                float v = observation[i];
                if (!Finite(v)) return null;
                a[i] = v * scale;
            }
            for (int c = 0; c < _convolutions.Length; c++)
            {
                _convolutions[c].Forward(a, b);
                float[] t = a; a = b; b = t;
            }
            return NormalizedForward.RunLayers(_layers, a, b);
        }

        /// <summary>Raises SpecMismatch unless the policy takes and gives what the caller's robot or env has.</summary>
        public void RequireSpec(int observationSize, ActionKind actionKind, int actionSize)
        {
            if (observationSize != ObservationSize || actionKind != ActionKind || actionSize != ActionSize)
                throw Error(PolicyError.SpecMismatch, "policy expects " + ObservationSize + " observations and gives "
                    + (ActionKind == ActionKind.Discrete ? "one of " + ActionSize + " discrete actions" : ActionSize + " continuous action values")
                    + ", but the caller has " + observationSize + " observations and "
                    + (actionKind == ActionKind.Discrete ? actionSize + " discrete actions" : actionSize + " continuous action values"));
        }

        internal static bool Finite(float v) { return !float.IsNaN(v) && !float.IsInfinity(v); }

        static float[] Copy(float[] source)
        {
            var copy = new float[source.Length];
            for (int i = 0; i < source.Length; i++)
            {
                if (!Finite(source[i])) throw Error(PolicyError.NonFiniteValue, "action bounds or scaling hold NaN or infinity");
                copy[i] = source[i];
            }
            return copy;
        }

        static string CheckString(string s)
        {
            if (s == null || s.Length > PolicyFormat.MaxStringBytes) throw Error(PolicyError.BadString, "a name or metadata string is missing or longer than " + PolicyFormat.MaxStringBytes);
            for (int i = 0; i < s.Length; i++)
                if (s[i] < ' ' || s[i] > '~') throw Error(PolicyError.BadString, "names and metadata must be printable ASCII");
            return s;
        }

        static PolicyFormatException Error(PolicyError reason, string message) { return new PolicyFormatException(reason, message); }
    }

    /// <summary>Scratch vectors for one caller of <see cref="PolicyModel.Act"/>; create once, reuse every tick.</summary>
    public sealed class PolicyWorkspace
    {
        public PolicyWorkspace(int width)
        {
            A = new float[width];
            B = new float[width];
        }

        internal float[] A { get; private set; }

        /// <summary>Whether this workspace is wide enough for the model.</summary>
        public bool Fits(PolicyModel model) { return A.Length >= model.MaxWidth; }
        internal float[] B { get; private set; }
    }
}
