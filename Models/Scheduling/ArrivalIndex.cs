namespace NodeSim.Models.Scheduling;

/// <summary>
/// The waiting jobs of an arrival-ordered queue, indexed for backfilling: a segment tree over arrival positions holding each
/// segment's fewest nodes and shortest estimate, so "the first waiting job from here that fits in <c>free</c> nodes and either
/// fits in <c>extra</c> or ends by the reservation" is found by descending only into segments that may hold one, instead of
/// walking the queue (a Linux stack's long queue made every EASY decision cost its length).
/// </summary>
public sealed class ArrivalIndex
{
    private int _capacity = 1024;
    private int[] _minNodes;
    private long[] _minEstimate;
    private readonly List<BatchJob?> _jobs = [];

    public ArrivalIndex()
    {
        (_minNodes, _minEstimate) = (new int[2 * _capacity], new long[2 * _capacity]);
        Array.Fill(_minNodes, int.MaxValue);
        Array.Fill(_minEstimate, long.MaxValue);
    }

    /// <summary>A job joins the queue at the next position (its arrival sequence).</summary>
    public void Add(BatchJob job)
    {
        var position = _jobs.Count;
        _jobs.Add(job);
        if (position >= _capacity) Grow();
        Set(position, job.Nodes, job.EstimateNs);
    }

    /// <summary>A waiting job leaves the queue (it started).</summary>
    public void Remove(BatchJob job)
    {
        var position = (int)job.ArrivalSequence;
        _jobs[position] = null;
        Set(position, int.MaxValue, long.MaxValue);
    }

    /// <summary>
    /// The first waiting job at or after <paramref name="from"/> that needs at most <paramref name="free"/> nodes and either at most
    /// <paramref name="extra"/> or an estimate of at most <paramref name="estimateLimit"/>; null if none.
    /// </summary>
    public BatchJob? First(int from, int free, int extra, long estimateLimit)
    {
        if (from >= _jobs.Count) return null;
        var leaf = Find(1, 0, _capacity - 1, from, free, extra, estimateLimit);
        return leaf < 0 ? null : _jobs[leaf];
    }

    private int Find(int node, int low, int high, int from, int free, int extra, long estimateLimit)
    {
        // A segment can hold a qualifying job only if its smallest job fits, and its smallest job fits the extra nodes or its shortest
        // estimate ends in time (necessary, not sufficient: the two may be different jobs, and then the search descends further).
        if (high < from || _minNodes[node] > free || (_minNodes[node] > extra && _minEstimate[node] > estimateLimit)) return -1;
        if (low == high) return low;
        var middle = (low + high) / 2;
        var left = Find(2 * node, low, middle, from, free, extra, estimateLimit);
        return left >= 0 ? left : Find(2 * node + 1, middle + 1, high, from, free, extra, estimateLimit);
    }

    private void Set(int position, int nodes, long estimate)
    {
        var i = position + _capacity;
        (_minNodes[i], _minEstimate[i]) = (nodes, estimate);
        for (i /= 2; i >= 1; i /= 2)
        {
            _minNodes[i] = Math.Min(_minNodes[2 * i], _minNodes[2 * i + 1]);
            _minEstimate[i] = Math.Min(_minEstimate[2 * i], _minEstimate[2 * i + 1]);
        }
    }

    private void Grow()
    {
        while (_capacity <= _jobs.Count) _capacity *= 2;
        (_minNodes, _minEstimate) = (new int[2 * _capacity], new long[2 * _capacity]);
        Array.Fill(_minNodes, int.MaxValue);
        Array.Fill(_minEstimate, long.MaxValue);
        for (var p = 0; p < _jobs.Count; p++)
            if (_jobs[p] is { } job) (_minNodes[p + _capacity], _minEstimate[p + _capacity]) = (job.Nodes, job.EstimateNs);
        for (var i = _capacity - 1; i >= 1; i--)
        {
            _minNodes[i] = Math.Min(_minNodes[2 * i], _minNodes[2 * i + 1]);
            _minEstimate[i] = Math.Min(_minEstimate[2 * i], _minEstimate[2 * i + 1]);
        }
    }
}
