using System.Runtime.Intrinsics;

namespace NodeSim.Models.Soc;

/// <summary>
/// A set-associative cache of lines (up to 16 ways) with true LRU replacement, physically indexed:
/// line = address / line size, set = line mod sets. Counts hits and misses.
/// </summary>
/// <remarks>
/// Lines stay in their ways, tagged with line / sets in 32 bits (so a 16-way set is one 64-byte
/// host cache line; addresses must stay below 2^(32 + log2(line × sets)), 2^45 for the L1 of a
/// Cortex-A53). Each set's recency order is a list of 4-bit way numbers packed in one
/// <c>ulong</c>, most recent first. A hit moves its way's nibble to the front; a miss refills the
/// way in the last position (the least recently used) and moves it to the front. Exact LRU with a
/// handful of integer operations per access.
/// </remarks>
public sealed class SetAssociativeCache
{
    private const ulong Nibbles = 0x1111_1111_1111_1111;
    private const ulong HighBits = 0x8888_8888_8888_8888;
    private readonly uint[] _tags;     // line / sets + 1; 0 = empty
    private readonly ulong[] _order;   // per set: way numbers, most recently used in the low nibble
    private readonly int _ways;
    private readonly int _lineShift;
    private readonly int _setShift;
    private readonly ulong _setMask;

    public SetAssociativeCache(CacheSpec spec)
    {
        spec.Validate(nameof(spec));
        if (spec.Ways > 16) throw new ArgumentOutOfRangeException(nameof(spec), spec.Ways, "the cache model supports up to 16 ways");
        Spec = spec;
        _ways = spec.Ways;
        _lineShift = System.Numerics.BitOperations.Log2((uint)spec.LineBytes);
        _setMask = (ulong)spec.Sets - 1;
        _setShift = System.Numerics.BitOperations.Log2((uint)spec.Sets);
        _tags = new uint[spec.Sets * spec.Ways];
        _order = new ulong[spec.Sets];
        // Ways 0..w−1 in order; unused nibbles hold 0xF, which no way of a smaller set uses.
        var initial = ulong.MaxValue;
        for (var w = 0; w < _ways; w++) initial = (initial & ~(0xFUL << (4 * w))) | ((ulong)w << (4 * w));
        Array.Fill(_order, initial);
    }

    public CacheSpec Spec { get; }
    public long Hits { get; private set; }
    public long Misses { get; private set; }
    public double MissRate => Hits + Misses == 0 ? 0 : (double)Misses / (Hits + Misses);

    /// <summary>Looks up the line holding <paramref name="address"/>; on a miss, fills it in place of the set's least recently used line.</summary>
    public bool Access(ulong address)
    {
        var line = address >> _lineShift;
        var set = (int)(line & _setMask);
        var tag = Tag(line);
        var way = FindWay(set * _ways, tag);
        var hit = way >= 0;
        if (hit) Hits++;
        else
        {
            way = (int)(_order[set] >> (4 * (_ways - 1))) & 0xF;
            _tags[set * _ways + way] = tag;
            Misses++;
        }
        _order[set] = MoveToFront(_order[set], way);
        return hit;
    }

    /// <summary>Whether the line holding <paramref name="address"/> is cached (no side effects).</summary>
    public bool Contains(ulong address)
    {
        var line = address >> _lineShift;
        return FindWay((int)(line & _setMask) * _ways, Tag(line)) >= 0;
    }

    public void ResetCounters() => Hits = Misses = 0;

    private uint Tag(ulong line)
    {
        var tag = (line >> _setShift) + 1;
        if (tag > uint.MaxValue) throw new ArgumentOutOfRangeException(nameof(line), "the address is beyond the range the cache model tags");
        return (uint)tag;
    }

    /// <summary>The way of the set starting at <paramref name="first"/> that holds <paramref name="tag"/>, or −1.</summary>
    private int FindWay(int first, uint tag)
    {
        if (_ways == 16 && Vector256.IsHardwareAccelerated)
        {
            // Two 256-bit compares cover the 16 ways; one bit per way in the mask.
            ref var row = ref _tags[first];
            var key = Vector256.Create(tag);
            var mask = Vector256.Equals(Vector256.LoadUnsafe(ref row), key).ExtractMostSignificantBits()
                       | Vector256.Equals(Vector256.LoadUnsafe(ref row, 8), key).ExtractMostSignificantBits() << 8;
            return mask == 0 ? -1 : System.Numerics.BitOperations.TrailingZeroCount(mask);
        }
        for (var w = 0; w < _ways; w++)
            if (_tags[first + w] == tag) return w;
        return -1;
    }

    /// <summary>Moves nibble value <paramref name="way"/> to the front of the packed list <paramref name="order"/>.</summary>
    private static ulong MoveToFront(ulong order, int way)
    {
        // Find the nibble equal to `way`: the lowest zero nibble of order ^ (way repeated) (SWAR).
        var x = order ^ ((ulong)way * Nibbles);
        var zeros = (x - Nibbles) & ~x & HighBits;
        var position = System.Numerics.BitOperations.TrailingZeroCount(zeros) >> 2;
        if (position == 0) return order;
        var below = order & ((1UL << (4 * position)) - 1);
        var above = position == 15 ? 0 : order & ~((1UL << (4 * (position + 1))) - 1);
        return above | (below << 4) | (uint)way;
    }
}
