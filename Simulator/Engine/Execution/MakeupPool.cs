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
    private void Compact(long[] refs, ref long pending)
    {
        var map = new int[_count];
        map[0] = 1;   // record 0 stays
        foreach (var r in refs) map[r] = 1;
        map[pending] = 1;
        var live = 0;
        for (var i = 0; i < _count; i++)
        {
            if (map[i] == 0) continue;
            _records.AsSpan(i * Slots, Slots).CopyTo(_records.AsSpan(live * Slots, Slots));
            map[i] = live++;
        }
        for (var i = 0; i < refs.Length; i++) refs[i] = map[refs[i]];
        pending = map[pending];
        _count = live;
        if (live * 2 * Slots > _records.Length) Array.Resize(ref _records, _records.Length * 2);
    }
}
