namespace NodeSim.Engine.Execution;

/// <summary>
/// The cores whose next busy run lies ahead, by its start: a calendar queue (Brown, CACM 1988) of
/// buckets of a fixed width over a ring, with the far future in an overflow list. The window asks
/// only "which cores have a run starting before t?" with t never decreasing, so a core costs O(1)
/// to file and to take out — a binary heap would cost ~log₂(cores) comparisons per detour.
/// </summary>
internal sealed class RunCalendar
{
    private const int Buckets = 4096;   // a power of two: the ring's index is a mask
    private readonly long _width;
    private readonly int[] _head = new int[Buckets];
    private readonly int[] _link;       // core → the next core in its bucket (−1: last)
    private readonly long[] _start;     // core → the start it was filed under
    private readonly List<int> _far = [];
    private long _cursor;               // absolute index of the first bucket not yet emptied
    private long _farCheckedAt;

    /// <param name="cores">Cores that can be filed.</param>
    /// <param name="widthNs">Bucket width: a fraction of an iteration, so one look takes a few buckets.</param>
    public RunCalendar(int cores, long widthNs)
    {
        _width = Math.Max(1, widthNs);
        Array.Fill(_head, -1);
        _link = new int[cores];
        _start = new long[cores];
    }

    /// <summary>Files a core whose next run starts at <paramref name="start"/>, at or after every bound asked so far.</summary>
    public void Add(int core, long start)
    {
        _start[core] = start;
        var bucket = start / _width;
        if (bucket - _cursor >= Buckets)
        {
            _far.Add(core);
            return;
        }
        var i = (int)(Math.Max(bucket, _cursor) & (Buckets - 1));
        _link[core] = _head[i];
        _head[i] = core;
    }

    /// <summary>Moves into <paramref name="into"/> every core whose run starts before <paramref name="bound"/>.</summary>
    public void TakeBefore(long bound, List<int> into)
    {
        // Whole buckets that end by the bound.
        while ((_cursor + 1) * _width <= bound)
        {
            var i = (int)(_cursor & (Buckets - 1));
            for (var core = _head[i]; core >= 0; core = _link[core]) into.Add(core);
            _head[i] = -1;
            _cursor++;
            if (_cursor - _farCheckedAt >= Buckets / 2) RefileFar();
        }
        // The bucket the bound falls in: take what starts before it, keep the rest.
        var b = (int)(_cursor & (Buckets - 1));
        int kept = -1, c = _head[b];
        while (c >= 0)
        {
            var next = _link[c];
            if (_start[c] < bound) into.Add(c);
            else
            {
                _link[c] = kept;
                kept = c;
            }
            c = next;
        }
        _head[b] = kept;
    }

    /// <summary>Files into the ring the far cores that now fall within it (every half turn, so none is passed over).</summary>
    private void RefileFar()
    {
        _farCheckedAt = _cursor;
        var far = _far.ToArray();
        _far.Clear();
        foreach (var core in far) Add(core, _start[core]);
    }
}
