using System.Numerics;

namespace NodeSim.Models.Soc;

/// <summary>
/// A cache of translations, as the TLBs, the stage-1 walk cache and the IPA cache all are: each
/// entry maps an aligned region of 2^shift bytes (a page, a block, or the span of one table
/// descriptor) in one context (VMID and ASID) to a value (an output address or a table address).
/// Fully or set-associative with LRU replacement (age stamps); entries of different sizes
/// coexist, and a lookup probes every size present.
/// </summary>
/// <remarks>
/// Entries are tagged with their context, so switching VMs or address spaces needs no flush: the
/// other context's entries simply do not match (Hafnium's TLBs are VMID-tagged).
/// </remarks>
public sealed class TranslationCache
{
    private readonly ulong[] _tags;      // address >> shift
    private readonly ulong[] _keys;      // context << 8 | shift; 0 = empty (shift is never 0)
    private readonly ulong[] _values;
    private readonly ulong[] _stamps;
    private readonly int _ways;
    private readonly ulong _setMask;
    private readonly int[] _countByShift = new int[64];
    private ulong _shiftsPresent;
    private ulong _clock;

    public TranslationCache(TlbSpec spec)
    {
        spec.Validate(nameof(spec));
        Spec = spec;
        _ways = spec.FullyAssociative ? spec.Entries : spec.Ways;
        _setMask = (ulong)spec.Sets - 1;
        _tags = new ulong[spec.Entries];
        _keys = new ulong[spec.Entries];
        _values = new ulong[spec.Entries];
        _stamps = new ulong[spec.Entries];
    }

    public TlbSpec Spec { get; }
    public long Hits { get; private set; }
    public long Misses { get; private set; }
    public double MissRate => Hits + Misses == 0 ? 0 : (double)Misses / (Hits + Misses);

    /// <summary>The context tag of a VM and an address space.</summary>
    public static uint Context(ushort vmid, ushort asid) => (uint)vmid << 16 | asid;

    /// <summary>Finds an entry of any size covering <paramref name="address"/> in <paramref name="context"/>.</summary>
    public bool TryLookup(ulong address, uint context, out ulong value, out int shift)
    {
        var sizes = _shiftsPresent;
        while (sizes != 0)
        {
            var s = BitOperations.TrailingZeroCount(sizes);
            sizes &= sizes - 1;
            var i = Find(address >> s, Key(context, s));
            if (i >= 0)
            {
                _stamps[i] = ++_clock;
                value = _values[i];
                shift = s;
                Hits++;
                return true;
            }
        }
        value = 0;
        shift = 0;
        Misses++;
        return false;
    }

    /// <summary>Finds an entry of exactly 2^<paramref name="shift"/> bytes covering <paramref name="address"/>.</summary>
    public bool TryLookup(ulong address, int shift, uint context, out ulong value)
    {
        var i = (_shiftsPresent & (1UL << shift)) != 0 ? Find(address >> shift, Key(context, shift)) : -1;
        if (i >= 0)
        {
            _stamps[i] = ++_clock;
            value = _values[i];
            Hits++;
            return true;
        }
        value = 0;
        Misses++;
        return false;
    }

    /// <summary>Caches <paramref name="value"/> for the 2^<paramref name="shift"/>-byte region holding <paramref name="address"/>, evicting the set's LRU entry if needed.</summary>
    /// <param name="absent">The caller has just looked the region up and missed, so it need not be searched for again.</param>
    public void Insert(ulong address, int shift, uint context, ulong value, bool absent = false)
    {
        var tag = address >> shift;
        var key = Key(context, shift);
        var at = absent ? -1 : Find(tag, key);
        if (at < 0)
        {
            // The least recently used way; conditional moves, not branches (stamps are unpredictable).
            var first = First(tag);
            at = first;
            var oldest = _stamps[first];
            for (var i = first + 1; i < first + _ways; i++)
            {
                var stamp = _stamps[i];
                var older = stamp < oldest;
                at = older ? i : at;
                oldest = older ? stamp : oldest;
            }
            if (_keys[at] != 0) Forget((int)(_keys[at] & 0xFF));
            if (_countByShift[shift]++ == 0) _shiftsPresent |= 1UL << shift;
        }
        _tags[at] = tag;
        _keys[at] = key;
        _values[at] = value;
        _stamps[at] = ++_clock;
    }

    /// <summary>Drops every entry of <paramref name="context"/> (what a TLBI by VMID/ASID does).</summary>
    public void Invalidate(uint context)
    {
        for (var i = 0; i < _keys.Length; i++)
        {
            if (_keys[i] == 0 || (uint)(_keys[i] >> 8) != context) continue;
            Forget((int)(_keys[i] & 0xFF));
            _keys[i] = 0;
            _stamps[i] = 0;
        }
    }

    public void ResetCounters() => Hits = Misses = 0;

    private static ulong Key(uint context, int shift) => (ulong)context << 8 | (uint)shift;

    private int First(ulong tag) => (int)(tag & _setMask) * _ways;

    private int Find(ulong tag, ulong key)
    {
        var first = First(tag);
        for (var i = first; i < first + _ways; i++)
            if (_tags[i] == tag && _keys[i] == key) return i;
        return -1;
    }

    private void Forget(int shift)
    {
        if (--_countByShift[shift] == 0) _shiftsPresent &= ~(1UL << shift);
    }
}
