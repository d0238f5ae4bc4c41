using NodeSim.Kernel;
namespace NodeSim.Models.Soc;

/// <summary>The memory access pattern of a workload.</summary>
public enum AccessPattern
{
    /// <summary>Every 8-byte word in order (STREAM-like).</summary>
    Sequential,
    /// <summary>Every <c>stride</c> bytes in order.</summary>
    Strided,
    /// <summary>Uniformly random 8-byte words (GUPS-like).</summary>
    Random,
    /// <summary>A 7-point 3-D stencil sweep over a cube of doubles.</summary>
    Stencil,
    /// <summary>A pointer chase visiting every cache line once per round in a pseudo-random order.</summary>
    Chase,
}

/// <summary>The names of the access patterns, one vocabulary for campaign files and the command line.</summary>
public static class AccessPatterns
{
    /// <summary>Each pattern by its name: sequential, strided, random, stencil, chase.</summary>
    public static readonly IReadOnlyList<(string Name, AccessPattern Value)> Names =
        [.. Enum.GetValues<AccessPattern>().Select(p => (p.ToString().ToLowerInvariant(), p))];

    /// <summary>Short names accepted too: seq, stride.</summary>
    public static readonly IReadOnlyList<(string Name, AccessPattern Value)> Aliases = [("seq", AccessPattern.Sequential), ("stride", AccessPattern.Strided)];

    /// <summary>The pattern <paramref name="name"/> (or an alias) stands for, whatever its case; null when none.</summary>
    public static AccessPattern? Find(string name) =>
        Names.Concat(Aliases).Where(n => string.Equals(n.Name, name.Trim(), StringComparison.OrdinalIgnoreCase)).Select(n => (AccessPattern?)n.Value).FirstOrDefault();
}

/// <summary>A seeded, endless stream of byte offsets into a working set.</summary>
public abstract class AddressStream
{
    /// <summary>The next offset, in [0, working set).</summary>
    public abstract ulong Next();

    public static AddressStream Create(AccessPattern pattern, long workingSetBytes, ulong seed, long strideBytes = 256)
    {
        if (workingSetBytes < 64) throw new ArgumentOutOfRangeException(nameof(workingSetBytes), workingSetBytes, "the working set must be at least 64 bytes");
        return pattern switch
        {
            AccessPattern.Sequential => new StridedStream(workingSetBytes, 8),
            AccessPattern.Strided => new StridedStream(workingSetBytes, strideBytes > 0 ? strideBytes : throw new ArgumentOutOfRangeException(nameof(strideBytes), strideBytes, "the stride must be positive")),
            AccessPattern.Random => new RandomWordStream(workingSetBytes, seed),
            AccessPattern.Stencil => new StencilStream(workingSetBytes),
            AccessPattern.Chase => new ChaseStream(workingSetBytes, seed),
        };
    }

    private sealed class StridedStream(long size, long stride) : AddressStream
    {
        private ulong _offset = (ulong)(-stride);
        private readonly ulong _size = (ulong)size;
        private readonly ulong _stride = (ulong)stride;

        public override ulong Next()
        {
            _offset += _stride;
            if (_offset >= _size) _offset %= _size;
            return _offset;
        }
    }

    private sealed class RandomWordStream(long size, ulong seed) : AddressStream
    {
        private readonly RandomStream _random = new(seed);
        private readonly ulong _words = (ulong)size / 8;

        public override ulong Next() => _random.NextBounded(_words) * 8;
    }

    /// <summary>For each point of an n×n×n grid of doubles in x-fastest order: the point and its six neighbours (clamped at the faces).</summary>
    private sealed class StencilStream : AddressStream
    {
        private readonly long _n;
        private long _x, _y, _z;
        private int _k = 7;

        public StencilStream(long size)
        {
            _n = Math.Max(2, (long)Math.Floor(Math.Cbrt(size / 8.0)));
            while (_n * _n * _n * 8 > size) _n--;
            _x = -1;
        }

        public override ulong Next()
        {
            if (_k == 7)
            {
                _k = 0;
                if (++_x == _n)
                {
                    _x = 0;
                    if (++_y == _n)
                    {
                        _y = 0;
                        if (++_z == _n) _z = 0;
                    }
                }
            }
            var (x, y, z) = (_k++) switch
            {
                0 => (_x, _y, _z),
                1 => (Math.Max(_x - 1, 0), _y, _z),
                2 => (Math.Min(_x + 1, _n - 1), _y, _z),
                3 => (_x, Math.Max(_y - 1, 0), _z),
                4 => (_x, Math.Min(_y + 1, _n - 1), _z),
                5 => (_x, _y, Math.Max(_z - 1, 0)),
                _ => (_x, _y, Math.Min(_z + 1, _n - 1)),
            };
            return (ulong)(((z * _n + y) * _n + x) * 8);
        }
    }

    /// <summary>
    /// Lines visited by a full-period linear congruential sequence modulo the next power of two
    /// (Hull–Dobell: odd increment, multiplier ≡ 1 mod 4), skipping values past the working set,
    /// so each line is visited once per round with no table of pointers kept.
    /// </summary>
    private sealed class ChaseStream : AddressStream
    {
        private readonly ulong _lines;
        private readonly ulong _mask;
        private ulong _x;

        public ChaseStream(long size, ulong seed)
        {
            _lines = (ulong)size / 64;
            var pow = 1UL;
            while (pow < _lines) pow <<= 1;
            _mask = pow - 1;
            _x = seed & _mask;
        }

        public override ulong Next()
        {
            do _x = (_x * 6364136223846793005UL + 1442695040888963407UL) & _mask;
            while (_x >= _lines);
            return _x * 64;
        }
    }
}
