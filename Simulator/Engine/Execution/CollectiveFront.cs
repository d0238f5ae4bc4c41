using System.Numerics;
using System.Runtime.Intrinsics;

namespace NodeSim.Engine.Execution;

/// <summary>
/// How late each rank runs behind the noise-free schedule, carried through the stages of the
/// collectives, and what its lateness is made of. The collective's completion is computed from the
/// ranks whose lateness changes, not message by message.
/// </summary>
/// <remarks>
/// <para>At a stage a rank sends, then waits for its partner's message, which takes the stage
/// latency α; it leaves the stage at max(its own time, the partner's time + α), later if its core is
/// in a detour then (LogGOPSim's semantics, Hoefler et al., SC'10). In lateness δ behind the
/// noise-free schedule, which advances by α per stage, that is δ′(r) = max(δ(r) − α, δ(p(r))).</para>
/// <para>Lateness is stored by <i>label</i>, not by rank: the rank that receives at a stage inherits
/// its sender's label, so a stage changes only the map from ranks to labels (an XOR mask for
/// recursive doubling, a rotation for the dissemination pattern) and, per label y, does
/// E′(y) = max(E(y), E(y ⊕ step) − α). A label can raise its stage neighbour only after its own
/// lateness rose, so only labels raised in the last S stages (S = stages per collective) are looked
/// at: ranks with nothing happening cost nothing. When such labels are most of the job (Linux noise
/// at thousands of ranks), a stage looks at every label instead, a vectorised pass over the array;
/// both ways give identical results (a test shows it), the share of raised labels only picks the
/// cheaper.</para>
/// <para>Each label points to its lateness's make-up by noise cause (<see cref="MakeupPool"/>): a label
/// raised by its neighbour inherits the neighbour's, a detour blends its own in. The job's end is
/// the latest label, so its make-up splits the critical path by the causes of the detours on it.</para>
/// </remarks>
internal sealed class CollectiveFront
{
    private readonly int _ranks;
    private readonly bool _hypercube;      // recursive doubling (a power of two), else the dissemination pattern
    private readonly double _denseAbove;
    private readonly long[] _lateness;     // by label, ns
    private readonly long[] _origin;       // by label: its make-up record in _makeups
    private readonly long[] _raisedAt;     // by label: the stage counter when its lateness last rose
    private readonly MakeupPool _makeups;
    private readonly int[] _dirty;         // following ranks: the labels raised within the last S stages (unordered)
    private readonly bool[] _inDirty;
    private int _dirtyCount;
    private bool _dense;                   // looking at every label (then _dirty is not kept)
    private readonly long[] _raisesBy;     // raises per stage counter, over the last S + 1 counters (a ring)
    private long _stageCounter = 1;        // counts stages; labels raised before 1 are clean
    private long _mask;                    // recursive doubling: label = rank ^ mask
    private long _shift;                   // dissemination: label = (rank − shift) mod R
    private readonly List<(int Label, long Value, long Origin)> _raises = [];
    private readonly long[] _savedLateness;
    private readonly long[] _savedOrigin;

    public int Ranks => _ranks;

    /// <summary>Stages per collective: ⌈log₂ R⌉.</summary>
    public int Stages { get; }

    /// <summary>The largest lateness of any rank so far (lateness never falls).</summary>
    public long Max { get; private set; }

    /// <summary>Stages done by looking at every label rather than following the raised ones.</summary>
    public long DenseStages { get; private set; }

    /// <param name="denseAbove">Above this share of labels raised in the last S stages, a stage looks at every label.</param>
    public CollectiveFront(int ranks, bool recursiveDoubling, double denseAbove = 0.25)
    {
        _ranks = ranks;
        _denseAbove = denseAbove;
        Stages = ranks <= 1 ? 0 : (int)Math.Ceiling(Math.Log2(ranks));
        _hypercube = recursiveDoubling && (ranks & (ranks - 1)) == 0;
        _lateness = new long[ranks];
        _origin = new long[ranks];
        _raisedAt = new long[ranks];
        _makeups = new MakeupPool(ranks);
        _dirty = new int[ranks];
        _inDirty = new bool[ranks];
        _raisesBy = new long[Stages + 1];
        _savedLateness = _hypercube ? [] : new long[ranks];
        _savedOrigin = _hypercube ? [] : new long[ranks];
    }

    private int Label(int rank)
    {
        if (_hypercube) return (int)(rank ^ _mask);
        var label = rank - (int)_shift;   // 0 ≤ shift < R
        return label < 0 ? label + _ranks : label;
    }

    /// <summary>How late <paramref name="rank"/> runs behind the noise-free schedule.</summary>
    public long Lateness(int rank) => _lateness[Label(rank)];

    /// <summary>How late each of <paramref name="ranks"/> runs, into <paramref name="lateness"/>: one call for the many a stage looks at.</summary>
    public void Lateness(ReadOnlySpan<int> ranks, Span<long> lateness)
    {
        var all = _lateness;
        if (_hypercube)
        {
            var mask = (int)_mask;
            for (var i = 0; i < ranks.Length; i++) lateness[i] = all[ranks[i] ^ mask];
            return;
        }
        for (var i = 0; i < ranks.Length; i++) lateness[i] = all[Label(ranks[i])];
    }

    /// <summary>The make-up of the latest rank's lateness, by cause slot (fractions summing to 1 when it is late).</summary>
    public ReadOnlySpan<float> LatestMakeup() => _makeups[_origin[Array.IndexOf(_lateness, Max)]];

    /// <summary>A detour holds <paramref name="rank"/> until its lateness is <paramref name="lateness"/>; <paramref name="added"/> is what the extra is made of (ns by cause slot).</summary>
    public void Delay(int rank, long lateness, ReadOnlySpan<float> added)
    {
        var label = Label(rank);
        var before = _lateness[label];
        if (lateness <= before) return;
        _origin[label] = _makeups.Blend(_origin[label], before, lateness, added, _origin);
        _lateness[label] = lateness;
        Raised(label);
        if (lateness > Max) Max = lateness;
    }

    private void Raised(int label)
    {
        _raisedAt[label] = _stageCounter;
        _raisesBy[_stageCounter % _raisesBy.Length]++;
        if (_dense || _inDirty[label]) return;
        _inDirty[label] = true;
        _dirty[_dirtyCount++] = label;
    }

    /// <summary>Stage <paramref name="stage"/> (0 … S − 1) of a collective whose messages take <paramref name="alphaNs"/>.</summary>
    public void Stage(int stage, long alphaNs)
    {
        var step = 1L << stage;
        ChooseWay();
        if (_dense)
        {
            DenseStages++;
            if (_hypercube) DenseHypercube(step, alphaNs);
            else DenseDissemination((int)step, alphaNs);
        }
        else Sparse(step, alphaNs);
        if (_hypercube) _mask ^= step;
        else _shift = (_shift + step) % _ranks;
        _stageCounter++;
        _raisesBy[_stageCounter % _raisesBy.Length] = 0;   // it counted stage counter − (S + 1): no longer recent
    }

    /// <summary>Follows the raised labels while they are few; looks at every label while they are many.</summary>
    private void ChooseWay()
    {
        var threshold = _denseAbove * _ranks;
        if (!_dense)
        {
            // Forget the labels not raised in the last S stages: every neighbour has been checked since.
            var kept = 0;
            for (var i = 0; i < _dirtyCount; i++)
            {
                var label = _dirty[i];
                if (_stageCounter - _raisedAt[label] <= Stages) _dirty[kept++] = label;
                else _inDirty[label] = false;
            }
            _dirtyCount = kept;
            if (_dirtyCount <= threshold) return;
            for (var i = 0; i < _dirtyCount; i++) _inDirty[_dirty[i]] = false;
            _dirtyCount = 0;
            _dense = true;
            return;
        }
        // Raises over the last S + 1 counters bound the labels raised within the last S stages.
        long recent = 0;
        foreach (var r in _raisesBy) recent += r;
        if (recent > threshold) return;
        _dense = false;
        for (var label = 0; label < _ranks; label++)
            if (_raisedAt[label] > 0 && _stageCounter - _raisedAt[label] <= Stages)
            {
                _inDirty[label] = true;
                _dirty[_dirtyCount++] = label;
            }
    }

    /// <summary>The label a raised label z can raise at this stage: E′(y) = max(E(y), E(z) − α) for z = y ⊕ step, so y = z ⊖ step.</summary>
    private int Raisee(int z, long step)
    {
        if (_hypercube) return (int)(z ^ step);
        var y = z - (int)step;   // 0 < step < R
        return y < 0 ? y + _ranks : y;
    }

    private void Sparse(long step, long alpha)
    {
        // Collect first, from the values before the stage, then apply: a stage is simultaneous.
        _raises.Clear();
        for (var i = 0; i < _dirtyCount; i++)
        {
            var z = _dirty[i];
            var y = Raisee(z, step);
            var value = _lateness[z] - alpha;
            if (value > _lateness[y]) _raises.Add((y, value, _origin[z]));
        }
        foreach (var (y, value, origin) in _raises)
        {
            if (value <= _lateness[y]) continue;
            _lateness[y] = value;
            _origin[y] = origin;
            Raised(y);
        }
    }

    /// <summary>Recursive doubling, every pair (y, y ^ step): at most one raises the other (α ≥ 0), from its value before the stage.</summary>
    private void DenseHypercube(long step, long alpha)
    {
        var width = Vector<long>.Count;
        if (step < width && step <= 2 && Vector256.IsHardwareAccelerated && _ranks >= 4)
        {
            DenseHypercubeWithinVectors(step, alpha);
            return;
        }
        if (step < width)
        {
            for (var y = 0; y < _ranks; y++)
            {
                if ((y & step) != 0) continue;
                var z = (int)(y ^ step);
                long a = _lateness[y], b = _lateness[z];
                if (b - alpha > a) RaiseFrom(y, b - alpha, _origin[z]);
                else if (a - alpha > b) RaiseFrom(z, a - alpha, _origin[y]);
            }
            return;
        }
        var alphas = new Vector<long>(alpha);
        var now = new Vector<long>(_stageCounter);
        long raised = 0;
        for (var block = 0L; block < _ranks; block += 2 * step)
            for (var y = (int)block; y < block + step; y += width)
            {
                var z = (int)(y + step);
                var a = new Vector<long>(_lateness, y);
                var b = new Vector<long>(_lateness, z);
                var raiseY = Vector.GreaterThan(b - alphas, a);
                var raiseZ = Vector.GreaterThan(a - alphas, b);
                if ((raiseY | raiseZ) == Vector<long>.Zero) continue;
                Vector.Max(a, b - alphas).CopyTo(_lateness, y);
                Vector.Max(b, a - alphas).CopyTo(_lateness, z);
                var oy = new Vector<long>(_origin, y);
                var oz = new Vector<long>(_origin, z);
                Vector.ConditionalSelect(raiseY, oz, oy).CopyTo(_origin, y);
                Vector.ConditionalSelect(raiseZ, oy, oz).CopyTo(_origin, z);
                Vector.ConditionalSelect(raiseY, now, new Vector<long>(_raisedAt, y)).CopyTo(_raisedAt, y);
                Vector.ConditionalSelect(raiseZ, now, new Vector<long>(_raisedAt, z)).CopyTo(_raisedAt, z);
                raised -= Vector.Sum(raiseY) + Vector.Sum(raiseZ);   // a raised lane is −1
            }
        _raisesBy[_stageCounter % _raisesBy.Length] += raised;
    }

    /// <summary>
    /// Recursive doubling for the first two stages, whose pairs (y, y ^ 1) and (y, y ^ 2) lie within
    /// four consecutive labels: each lane takes max(itself, its partner − α), the partner found by a
    /// shuffle, so both members of every pair are done at once.
    /// </summary>
    private void DenseHypercubeWithinVectors(long step, long alpha)
    {
        var partner = step == 1 ? Vector256.Create(1L, 0, 3, 2) : Vector256.Create(2L, 3, 0, 1);
        var alphas = Vector256.Create(alpha);
        var now = Vector256.Create(_stageCounter);
        long raised = 0;
        for (var y = 0; y + 4 <= _ranks; y += 4)
        {
            var a = Vector256.Create<long>(_lateness.AsSpan(y, 4));
            var b = Vector256.Shuffle(a, partner) - alphas;
            var raise = Vector256.GreaterThan(b, a);
            if (raise == Vector256<long>.Zero) continue;
            Vector256.Max(a, b).CopyTo(_lateness.AsSpan(y, 4));
            var o = Vector256.Create<long>(_origin.AsSpan(y, 4));
            Vector256.ConditionalSelect(raise, Vector256.Shuffle(o, partner), o).CopyTo(_origin.AsSpan(y, 4));
            Vector256.ConditionalSelect(raise, now, Vector256.Create<long>(_raisedAt.AsSpan(y, 4))).CopyTo(_raisedAt.AsSpan(y, 4));
            raised -= Vector256.Sum(raise);
        }
        _raisesBy[_stageCounter % _raisesBy.Length] += raised;
    }

    /// <summary>
    /// Dissemination, every label y takes from y + step (mod R). Ascending, y + step is still
    /// unchanged, unless it wrapped past the end to a label already done: those are kept first.
    /// </summary>
    private void DenseDissemination(int step, long alpha)
    {
        Array.Copy(_lateness, _savedLateness, step);
        Array.Copy(_origin, _savedOrigin, step);
        var split = _ranks - step;   // below: from _lateness[y + step]; from here on: from the saved [y + step − R]
        var width = Vector<long>.Count;
        var y = 0;
        if (step >= width)
        {
            var alphas = new Vector<long>(alpha);
            var now = new Vector<long>(_stageCounter);
            long raised = 0;
            void Chunk(int at, long[] fromLateness, long[] fromOrigin, int from)
            {
                var a = new Vector<long>(_lateness, at);
                var b = new Vector<long>(fromLateness, from) - alphas;
                var raise = Vector.GreaterThan(b, a);
                if (raise == Vector<long>.Zero) return;
                Vector.Max(a, b).CopyTo(_lateness, at);
                Vector.ConditionalSelect(raise, new Vector<long>(fromOrigin, from), new Vector<long>(_origin, at)).CopyTo(_origin, at);
                Vector.ConditionalSelect(raise, now, new Vector<long>(_raisedAt, at)).CopyTo(_raisedAt, at);
                raised -= Vector.Sum(raise);
            }
            for (; y + width <= split; y += width) Chunk(y, _lateness, _origin, y + step);
            for (; y < split; y++) Take(y, _lateness[y + step], _origin[y + step]);
            for (; y + width <= _ranks; y += width) Chunk(y, _savedLateness, _savedOrigin, y - split);
            _raisesBy[_stageCounter % _raisesBy.Length] += raised;
        }
        for (; y < _ranks; y++)
        {
            var from = y + step;
            if (from < _ranks) Take(y, _lateness[from], _origin[from]);
            else Take(y, _savedLateness[from - _ranks], _savedOrigin[from - _ranks]);
        }

        void Take(int label, long fromLateness, long fromOrigin)
        {
            if (fromLateness - alpha > _lateness[label]) RaiseFrom(label, fromLateness - alpha, fromOrigin);
        }
    }

    private void RaiseFrom(int label, long value, long origin)
    {
        _lateness[label] = value;
        _origin[label] = origin;
        Raised(label);
    }
}
