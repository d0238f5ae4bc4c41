namespace NodeSim.Models.Scheduling;

/// <summary>
/// The state of a batch scheduler on a machine of identical whole nodes: free nodes, the waiting
/// queue (in arrival order and in policy order) and the running jobs (by estimated end). It decides
/// which jobs start now; it does not own a clock — the replay engine tells it about arrivals and
/// completions and asks it to <see cref="Decide"/> after each.
/// </summary>
public sealed class BatchScheduler
{
    private readonly LinkedList<BatchJob> _byArrival = new();
    private readonly SortedSet<BatchJob>? _byScore; // policy order, for static scores other than arrival order
    private readonly bool _arrivalOrder;
    private long _lastSubmitNs = long.MinValue;
    private readonly SortedSet<BatchJob> _runningByEstimatedEnd = new(EstimatedEndComparer.Instance);
    private readonly int[] _waitingByNodes;
    private int _minWaitingNodes;
    private long _arrivals;
    private long _starts;

    public BatchScheduler(int nodes, IQueuePolicy policy, IBackfill backfill)
    {
        if (nodes < 1) throw new ArgumentOutOfRangeException(nameof(nodes), nodes, "a machine has at least one node");
        TotalNodes = FreeNodes = nodes;
        Policy = policy ?? throw new ArgumentNullException(nameof(policy));
        Backfill = backfill ?? throw new ArgumentNullException(nameof(backfill));
        _arrivalOrder = policy.OrdersByArrival;
        if (_arrivalOrder) ArrivalIndex = new ArrivalIndex();
        if (!_arrivalOrder && !policy.DependsOnTime) _byScore = new SortedSet<BatchJob>(ScoreComparer.Instance);
        _waitingByNodes = new int[nodes + 1];
        _minWaitingNodes = nodes + 1;
    }

    public int TotalNodes { get; }

    /// <summary>The waiting jobs indexed by arrival position for backfilling, when the policy orders by arrival; otherwise null.</summary>
    public ArrivalIndex? ArrivalIndex { get; }
    public int FreeNodes { get; private set; }
    public IQueuePolicy Policy { get; }
    public IBackfill Backfill { get; }
    public int QueueLength => _byArrival.Count;

    /// <summary>The head chosen by a strategy that keeps it until it starts (none, greedy), or null.</summary>
    public BatchJob? PinnedHead { get; set; }

    /// <summary>The pinned head's shadow time (greedy backfilling), or −1 when not yet computed.</summary>
    public long PinnedShadowNs { get; set; } = -1;

    /// <summary>The fewest nodes any waiting job needs (more than the machine when the queue is empty).</summary>
    public int MinWaitingNodes
    {
        get
        {
            while (_minWaitingNodes <= TotalNodes && _waitingByNodes[_minWaitingNodes] == 0) _minWaitingNodes++;
            return _minWaitingNodes;
        }
    }

    /// <summary>A job arrives in the queue.</summary>
    public void Submit(BatchJob job, long nowNs)
    {
        if (job.Nodes > TotalNodes)
            throw new ArgumentException($"{job} needs more nodes than the machine has ({TotalNodes})", nameof(job));
        if (_arrivalOrder && job.SubmitNs < _lastSubmitNs)
            throw new ArgumentException($"{job} arrives after a job submitted later; under '{Policy.Name}' jobs must arrive in submit order", nameof(job));
        _lastSubmitNs = job.SubmitNs;
        job.ArrivalSequence = _arrivals++;
        job.ArrivalNode = _byArrival.AddLast(job);
        ArrivalIndex?.Add(job);
        if (_byScore is not null)
        {
            job.Score = Policy.Score(job, nowNs);
            _byScore.Add(job);
        }
        _waitingByNodes[job.Nodes]++;
        if (job.Nodes < _minWaitingNodes) _minWaitingNodes = job.Nodes;
    }

    /// <summary>A running job ends and frees its nodes.</summary>
    public void Complete(BatchJob job)
    {
        if (!_runningByEstimatedEnd.Remove(job)) throw new InvalidOperationException($"{job} is not running");
        FreeNodes += job.Nodes;
    }

    /// <summary>Decides which waiting jobs start at <paramref name="nowNs"/>; appends them to <paramref name="started"/>.</summary>
    public void Decide(long nowNs, List<BatchJob> started) => Backfill.Decide(this, nowNs, started);

    public bool Fits(BatchJob job) => job.Nodes <= FreeNodes;

    /// <summary>Starts a waiting job now: it leaves the queue and takes its nodes.</summary>
    public void Start(BatchJob job, long nowNs, List<BatchJob> started)
    {
        if (!Fits(job)) throw new InvalidOperationException($"{job} does not fit in {FreeNodes} free nodes");
        if (job.ArrivalNode is null) throw new InvalidOperationException($"{job} is not waiting");
        _byArrival.Remove(job.ArrivalNode);
        job.ArrivalNode = null;
        _byScore?.Remove(job);
        ArrivalIndex?.Remove(job);
        _waitingByNodes[job.Nodes]--;
        FreeNodes -= job.Nodes;
        job.StartNs = nowNs;
        job.StartSequence = _starts++;
        _runningByEstimatedEnd.Add(job);
        started.Add(job);
    }

    /// <summary>The job the policy puts first at <paramref name="nowNs"/> (lowest score, then earliest arrival), or null.</summary>
    public BatchJob? Best(long nowNs)
    {
        if (_arrivalOrder) return _byArrival.First?.Value;
        if (_byScore is not null) return _byScore.Count == 0 ? null : _byScore.Min;
        BatchJob? best = null;
        var bestScore = double.PositiveInfinity;
        foreach (var job in _byArrival)
        {
            var score = Policy.Score(job, nowNs);
            if (best is null || score < bestScore)
            {
                best = job;
                bestScore = score;
            }
        }
        return best;
    }

    /// <summary>The first waiting job in arrival order; walk on with <c>Next</c>, reading it before starting a job.</summary>
    public LinkedListNode<BatchJob>? FirstByArrival => _byArrival.First;

    /// <summary>The waiting jobs in policy order at <paramref name="nowNs"/>. Do not start jobs while enumerating.</summary>
    public IEnumerable<BatchJob> ByPriority(long nowNs)
    {
        if (_arrivalOrder) return _byArrival;
        if (_byScore is not null) return _byScore;
        // OrderBy is stable: equal scores keep arrival order.
        return _byArrival.Select(j => (Job: j, Score: Policy.Score(j, nowNs))).OrderBy(x => x.Score).Select(x => x.Job);
    }

    /// <summary>
    /// When <paramref name="head"/> could start if running jobs end at their estimates: running jobs
    /// taken by estimated end (start + estimate; ties by start order) free their nodes until the head
    /// fits. Returns that time (never before now) and the nodes then free beyond the head's need.
    /// </summary>
    public (long ShadowNs, int ExtraNodes) Reservation(BatchJob head, long nowNs)
    {
        var free = FreeNodes;
        var shadow = nowNs;
        if (free < head.Nodes)
        {
            foreach (var running in _runningByEstimatedEnd)
            {
                free += running.Nodes;
                shadow = Math.Max(nowNs, running.StartNs + running.EstimateNs);
                if (free >= head.Nodes) break;
            }
        }
        if (head.ReservationNs < 0) head.ReservationNs = shadow;
        return (shadow, free - head.Nodes);
    }

    private sealed class ScoreComparer : IComparer<BatchJob>
    {
        public static readonly ScoreComparer Instance = new();

        public int Compare(BatchJob? a, BatchJob? b)
        {
            var c = a!.Score.CompareTo(b!.Score);
            return c != 0 ? c : a.ArrivalSequence.CompareTo(b.ArrivalSequence);
        }
    }

    private sealed class EstimatedEndComparer : IComparer<BatchJob>
    {
        public static readonly EstimatedEndComparer Instance = new();

        public int Compare(BatchJob? a, BatchJob? b)
        {
            var c = (a!.StartNs + a.EstimateNs).CompareTo(b!.StartNs + b.EstimateNs);
            return c != 0 ? c : a.StartSequence.CompareTo(b.StartSequence);
        }
    }
}
