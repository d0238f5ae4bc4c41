namespace NodeSim.Engine.Execution;

/// <summary>
/// How late each rank runs behind the noise-free schedule, carried through the stages of the
/// collectives, and what its lateness is made of. The collective's completion is computed from the
/// ranks whose detours touch it: the cost follows the lateness that changes, not ranks × stages.
/// </summary>
/// <remarks>
/// <para>At a stage a rank sends, then waits for its partner's message, which takes the stage
/// latency α; it leaves the stage at max(its own time, the partner's time + α), later if its core is
/// in a detour then (LogGOPSim's semantics, Hoefler et al., SC'10). In lateness δ behind the
/// noise-free schedule, which advances by α per stage, that is δ′(r) = max(δ(r) − α, δ(p(r))).</para>
/// <para>Lateness is stored by <i>label</i>, not by rank: the rank that receives at a stage inherits
/// its sender's label, so a stage changes only the map from ranks to labels (an XOR mask for
/// recursive doubling, a rotation for the dissemination pattern) and, per label y, does
/// E′(y) = max(E(y), E(y ⊕ stage) − α). A label can raise its stage neighbour only after its own
/// lateness rose, so only labels raised in the last S stages (S = stages per collective) are
/// looked at; when that is most of them, a stage looks at every label in one pass instead.</para>
/// <para>Each label's lateness carries its make-up by noise cause (fractions): a label raised by its
/// neighbour inherits the neighbour's, a detour blends its own in. The job's end is the latest
/// label, so its make-up splits the critical path by the causes of the detours on it.</para>
/// </remarks>
internal sealed class CollectiveFront
{
    private readonly int _ranks;
    private readonly bool _hypercube;      // recursive doubling (a power of two), else the dissemination pattern
    private readonly long[] _lateness;     // by label, ns
    private readonly float[] _makeup;      // label × cause slot: fractions of the label's lateness
    private readonly int[] _raisedAt;      // label → stage counter when its lateness last rose
    private readonly int[] _dirty;         // labels raised within the last S stages (unordered)
    private readonly bool[] _inDirty;
    private int _dirtyCount;
    private int _stageCounter = 1;          // counts stages; labels raised before 1 are clean
    private long _mask;                    // recursive doubling: label = rank ^ mask
    private long _shift;                   // dissemination: label = (rank − shift) mod R
    private readonly List<(int Label, long Value, int From)> _raises = [];
    private readonly float[] _raiseMakeups;
    private readonly long[] _savedLateness;
    private readonly float[] _savedMakeups;
    private static readonly int Slots = NoiseCauses.Count;

    /// <summary>Stages per collective: ⌈log₂ R⌉.</summary>
    public int Stages { get; }

    /// <summary>The largest lateness of any rank so far (lateness never falls).</summary>
    public long Max { get; private set; }

    /// <summary>Stages done densely (every label) rather than from the raised labels: for the benchmark's report.</summary>
    public long DenseStages { get; private set; }

    private readonly double _denseAbove;

    /// <param name="denseAbove">Above this share of labels raised in the last S stages, a stage looks at every label
    /// (the two ways give identical results; the share only picks the cheaper).</param>
    public CollectiveFront(int ranks, bool recursiveDoubling, double denseAbove = 0.25)
    {
        _denseAbove = denseAbove;
        _ranks = ranks;
        Stages = ranks <= 1 ? 0 : (int)Math.Ceiling(Math.Log2(ranks));
        _hypercube = recursiveDoubling && (ranks & (ranks - 1)) == 0;
        _lateness = new long[ranks];
        _makeup = new float[ranks * Slots];
        _raisedAt = new int[ranks];
        _dirty = new int[ranks];
        _inDirty = new bool[ranks];
        _raiseMakeups = new float[ranks * Slots];
        _savedLateness = _hypercube ? [] : new long[ranks];
        _savedMakeups = _hypercube ? [] : new float[ranks * Slots];
    }

    private int Label(int rank) => _hypercube ? (int)(rank ^ _mask) : (int)((rank - _shift + _ranks) % _ranks);

    /// <summary>How late <paramref name="rank"/> runs behind the noise-free schedule.</summary>
    public long Lateness(int rank) => _lateness[Label(rank)];

    /// <summary>The make-up of a rank's lateness by cause slot (fractions summing to 1 when it is late).</summary>
    public ReadOnlySpan<float> Makeup(int rank) => _makeup.AsSpan(Label(rank) * Slots, Slots);

    /// <summary>The make-up of the latest rank's lateness.</summary>
    public ReadOnlySpan<float> LatestMakeup()
    {
        var label = Array.IndexOf(_lateness, Max);
        return _makeup.AsSpan(label * Slots, Slots);
    }

    /// <summary>A detour holds <paramref name="rank"/> until its lateness is <paramref name="lateness"/>; <paramref name="added"/> is what the extra is made of (ns by cause slot).</summary>
    public void Delay(int rank, long lateness, ReadOnlySpan<float> added)
    {
        var label = Label(rank);
        var before = _lateness[label];
        if (lateness <= before) return;
        var addedTotal = 0f;
        foreach (var a in added) addedTotal += a;
        var makeup = _makeup.AsSpan(label * Slots, Slots);
        // Blend: the old lateness keeps its make-up, the extra brings the detours' (scaled to what they actually cost here).
        var scale = addedTotal > 0 ? (lateness - before) / (double)addedTotal : 0;
        for (var c = 0; c < Slots; c++) makeup[c] = (float)((before * (double)makeup[c] + scale * added[c]) / lateness);
        _lateness[label] = lateness;
        Raised(label);
        if (lateness > Max) Max = lateness;
    }

    private void Raised(int label)
    {
        _raisedAt[label] = _stageCounter;
        if (_inDirty[label]) return;
        _inDirty[label] = true;
        _dirty[_dirtyCount++] = label;
    }

    /// <summary>Stage <paramref name="stage"/> (0 … S − 1) of a collective whose messages take <paramref name="alphaNs"/>.</summary>
    public void Stage(int stage, long alphaNs)
    {
        var step = 1L << stage;
        DropSettled();
        if (_dirtyCount > _denseAbove * _ranks) Dense(step, alphaNs);
        else Sparse(step, alphaNs);
        if (_hypercube) _mask ^= step;
        else _shift = (_shift + step) % _ranks;
        _stageCounter++;
    }

    /// <summary>Forgets the labels not raised in the last S stages: every neighbour has been checked since.</summary>
    private void DropSettled()
    {
        var kept = 0;
        for (var i = 0; i < _dirtyCount; i++)
        {
            var label = _dirty[i];
            if (_stageCounter - _raisedAt[label] <= Stages) _dirty[kept++] = label;
            else _inDirty[label] = false;
        }
        _dirtyCount = kept;
    }

    /// <summary>The label a raised label can raise at this stage: E′(y) = max(E(y), E(z) − α) for z = y ⊕ step, i.e. y = z ⊖ step.</summary>
    private int Raisee(int z, long step) => _hypercube ? (int)(z ^ step) : (int)((z - step % _ranks + _ranks) % _ranks);

    private void Sparse(long step, long alpha)
    {
        // Collect first, from the values before the stage, then apply: a stage is simultaneous.
        _raises.Clear();
        for (var i = 0; i < _dirtyCount; i++)
        {
            var z = _dirty[i];
            var y = Raisee(z, step);
            var value = _lateness[z] - alpha;
            if (value <= _lateness[y]) continue;
            _makeup.AsSpan(z * Slots, Slots).CopyTo(_raiseMakeups.AsSpan(_raises.Count * Slots, Slots));
            _raises.Add((y, value, z));
        }
        for (var i = 0; i < _raises.Count; i++)
        {
            var (y, value, _) = _raises[i];
            if (value <= _lateness[y]) continue;
            _lateness[y] = value;
            _raiseMakeups.AsSpan(i * Slots, Slots).CopyTo(_makeup.AsSpan(y * Slots, Slots));
            Raised(y);
        }
    }

    private void Dense(long step, long alpha)
    {
        DenseStages++;
        if (_hypercube)
        {
            // Pairs (y, y ^ step): at most one of the two can raise the other (α ≥ 0), from its value before the stage.
            for (var y = 0; y < _ranks; y++)
            {
                if ((y & step) != 0) continue;
                var z = (int)(y ^ step);
                long a = _lateness[y], b = _lateness[z];
                if (b - alpha > a) Raise(y, b - alpha, z);
                else if (a - alpha > b) Raise(z, a - alpha, y);
            }
            return;
        }
        // Dissemination: y takes from y + step (mod R). Ascending, y + step is still unchanged unless it
        // wrapped past the end, to a label already done: keep those first.
        var wrap = (int)Math.Min(step, _ranks);
        Array.Copy(_lateness, _savedLateness, wrap);
        Array.Copy(_makeup, _savedMakeups, wrap * Slots);
        for (var y = 0; y < _ranks; y++)
        {
            var z = y + step;
            long value;
            if (z < _ranks)
            {
                value = _lateness[z] - alpha;
                if (value > _lateness[y]) Raise(y, value, (int)z);
            }
            else
            {
                var w = (int)(z - _ranks);
                value = _savedLateness[w] - alpha;
                if (value > _lateness[y])
                {
                    _lateness[y] = value;
                    _savedMakeups.AsSpan(w * Slots, Slots).CopyTo(_makeup.AsSpan(y * Slots, Slots));
                    Raised(y);
                }
            }
        }
    }

    private void Raise(int y, long value, int from)
    {
        _lateness[y] = value;
        _makeup.AsSpan(from * Slots, Slots).CopyTo(_makeup.AsSpan(y * Slots, Slots));
        Raised(y);
    }
}
