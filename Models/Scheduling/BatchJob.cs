namespace NodeSim.Models.Scheduling;

/// <summary>
/// A rigid job as the batch scheduler sees it: when it was submitted, how many whole nodes it
/// needs, how long it is estimated to run (what decisions use) and how long it really runs (what
/// completions use). Times are integer nanoseconds, like the event kernel's clock.
/// </summary>
public sealed class BatchJob
{
    /// <param name="index">Position in the replayed workload (0-based); the tie-breaker of last resort.</param>
    /// <param name="id">The trace's job number.</param>
    /// <param name="submitNs">Submit time.</param>
    /// <param name="runNs">Run time on the reference machine (the trace's run time).</param>
    /// <param name="estimateNs">What the scheduler believes the run time is (requested time, or the run time).</param>
    /// <param name="processors">Processors requested.</param>
    /// <param name="nodes">Whole nodes the job occupies: ceil(processors / processors per node).</param>
    public BatchJob(int index, long id, long submitNs, long runNs, long estimateNs, int processors, int nodes)
    {
        if (nodes < 1) throw new ArgumentOutOfRangeException(nameof(nodes), nodes, "a job occupies at least one node");
        if (runNs < 0 || estimateNs < 0) throw new ArgumentOutOfRangeException(nameof(runNs), "times must not be negative");
        Index = index;
        Id = id;
        SubmitNs = submitNs;
        RunNs = runNs;
        EstimateNs = estimateNs;
        Processors = processors;
        Nodes = nodes;
        RequestedNodes = nodes;
    }

    public int Index { get; }
    public long Id { get; }
    public long SubmitNs { get; }
    public long RunNs { get; }
    public long EstimateNs { get; }
    public int Processors { get; }
    public int Nodes { get; }

    /// <summary>SWF executable number, when known (a workload mix may assign profiles by it).</summary>
    public long? Executable { get; init; }

    /// <summary>The nodes the job asked for, when it occupies others (more, on a stack that keeps cores for housekeeping).</summary>
    public int RequestedNodes { get; init; }

    /// <summary>SWF queue number, when known.</summary>
    public long? Queue { get; init; }

    /// <summary>SWF user ID, when known.</summary>
    public long? User { get; init; }

    // Scheduling state, set while a replay runs.

    /// <summary>When the job started, or −1.</summary>
    public long StartNs { get; internal set; } = -1;

    /// <summary>How long the job actually runs on the simulated machine (its run time times the slowdown), or −1 before it starts.</summary>
    public long ActualRunNs { get; set; } = -1;

    /// <summary>
    /// The first start time the scheduler reserved for this job when it was the blocked head of the
    /// queue (EASY's reservation, the greedy backfill's shadow time), or −1 if it never had one.
    /// </summary>
    public long ReservationNs { get; internal set; } = -1;

    /// <summary>The policy score, cached at arrival for policies that do not depend on time.</summary>
    internal double Score { get; set; }

    /// <summary>Arrival order in the scheduler's queue (ties of every policy go to the earlier arrival).</summary>
    internal long ArrivalSequence { get; set; } = -1;

    /// <summary>Start order (ties between running jobs' end times go to the earlier start).</summary>
    internal long StartSequence { get; set; } = -1;

    internal LinkedListNode<BatchJob>? ArrivalNode { get; set; }

    public double SubmitSeconds => SubmitNs / 1e9;
    public double EstimateSeconds => EstimateNs / 1e9;

    /// <summary>The same job, unscheduled, at position <paramref name="index"/> of a workload.</summary>
    public BatchJob WithIndex(int index) =>
        new(index, Id, SubmitNs, RunNs, EstimateNs, Processors, Nodes) { Executable = Executable, Queue = Queue, User = User, RequestedNodes = RequestedNodes };

    /// <summary>The same job, unscheduled, occupying <paramref name="nodes"/> nodes instead of those it asked for.</summary>
    public BatchJob WithNodes(int nodes) =>
        new(Index, Id, SubmitNs, RunNs, EstimateNs, Processors, nodes) { Executable = Executable, Queue = Queue, User = User, RequestedNodes = RequestedNodes };

    public override string ToString() => $"job {Id} ({Nodes} nodes, submit {SubmitSeconds} s, estimate {EstimateSeconds} s)";
}
