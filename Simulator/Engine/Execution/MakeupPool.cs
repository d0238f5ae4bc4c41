namespace NodeSim.Engine.Execution;

/// <summary>
/// What ranks' lateness is made of, by noise cause: immutable records (fractions per cause slot)
/// that labels point to. A label raised by its neighbour copies a pointer, not the record; a
/// detour makes a new record. Records nothing points to any more are dropped when the pool fills,
/// so the pool stays a few records per rank however long the window runs.
/// </summary>
internal sealed class MakeupPool
{
    private static readonly int Slots = NoiseCauses.Count;
    private float[] _records;
    private int _count = 1;   // record 0: nothing (a rank that is not late)

    public MakeupPool(int ranks) => _records = new float[Math.Max(64, 4 * ranks) * Slots];

    public ReadOnlySpan<float> this[long record] => _records.AsSpan((int)record * Slots, Slots);

    /// <summary>
    /// A new record for lateness <paramref name="before"/> made of <paramref name="record"/>, raised to
    /// <paramref name="after"/> by detours whose make-up (ns by cause slot) is <paramref name="added"/>;
    /// <paramref name="refs"/> are every label's records, renumbered when the pool is compacted.
    /// </summary>
    public long Blend(long record, long before, long after, ReadOnlySpan<float> added, long[] refs)
    {
        if (_count * Slots == _records.Length) Compact(refs, ref record);
        var addedTotal = 0f;
        foreach (var a in added) addedTotal += a;
        var scale = addedTotal > 0 ? (after - before) / (double)addedTotal : 0;
        var old = _records.AsSpan((int)record * Slots, Slots);
        var made = _records.AsSpan(_count * Slots, Slots);
        for (var c = 0; c < Slots; c++) made[c] = (float)((before * (double)old[c] + scale * added[c]) / after);
        return _count++;
    }

    /// <summary>Keeps the records that <paramref name="refs"/> (and <paramref name="pending"/>) point to, renumbered in order; grows if most are live.</summary>
    /// <remarks>Live records are marked with a generation number, not a fresh array: a compaction allocates and clears nothing.</remarks>
    private void Compact(long[] refs, ref long pending)
    {
        if (_mark.Length < _count)
        {
            _mark = new int[_records.Length / Slots];
            _renumber = new int[_records.Length / Slots];
            _generation = 0;
        }
        var live = ++_generation;
        _mark[0] = live;   // record 0 stays
        foreach (var r in refs) _mark[r] = live;
        _mark[pending] = live;
        var kept = 0;
        for (var i = 0; i < _count; i++)
        {
            if (_mark[i] != live) continue;
            if (kept != i) _records.AsSpan(i * Slots, Slots).CopyTo(_records.AsSpan(kept * Slots, Slots));
            _renumber[i] = kept++;
        }
        for (var i = 0; i < refs.Length; i++) refs[i] = _renumber[refs[i]];
        pending = _renumber[pending];
        _count = kept;
        if (kept * 2 * Slots > _records.Length) Array.Resize(ref _records, _records.Length * 2);
    }

    private int[] _mark = [], _renumber = [];
    private int _generation;
}
