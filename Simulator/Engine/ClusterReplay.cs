using NodeSim.Kernel;
using NodeSim.Models.Scheduling;

namespace NodeSim.Engine;

/// <summary>The outcome of one replay: the jobs with their start times and actual run times, what each cost (by job index), and the machine's time-weighted state.</summary>
public sealed record ReplayOutcome(IReadOnlyList<BatchJob> Jobs, IReadOnlyList<JobCost> Costs, Machine Machine, double MeanQueueLength, double MeanBusyNodes, long Events);

/// <summary>
/// Replays batch jobs on a cluster of whole nodes in the event kernel: arrivals at submit times,
/// completions after run time × slowdown, and a scheduling decision after every single event.
/// </summary>
/// <remarks>
/// Arrivals go before completions at the same time (priority −1 against 0), and completions at the
/// same time in the order the jobs started — the RLScheduler artifact's tie rules. Arrivals are
/// scheduled one at a time, so the queue holds only pending work, and the cost grows with the
/// number of jobs, not with simulated time.
/// </remarks>
public sealed class ClusterReplay
{
    private const int ArrivalPriority = -1;
    private const int CompletionPriority = 0;
    private readonly Simulation _sim = new();
    private readonly IReadOnlyList<BatchJob> _jobs;
    private readonly BatchScheduler _scheduler;
    private readonly IJobSlowdown _slowdown;
    private readonly List<BatchJob> _started = new();
    private readonly JobCost[] _costs;
    private readonly TimeWeightedMonitor _queueLength;
    private readonly TimeWeightedMonitor _busyNodes;
    private readonly Action<long> _onArrival;
    private readonly Action<long> _onCompletion;

    private ClusterReplay(IReadOnlyList<BatchJob> jobs, Machine machine, IQueuePolicy policy, IBackfill backfill, IJobSlowdown slowdown)
    {
        _jobs = jobs;
        _scheduler = new BatchScheduler(machine.Nodes, policy, backfill);
        _slowdown = slowdown;
        _costs = new JobCost[jobs.Count];
        _queueLength = new TimeWeightedMonitor(_sim, "queue_length", "jobs", "jobs waiting in the batch queue");
        _busyNodes = new TimeWeightedMonitor(_sim, "busy_nodes", "nodes", "nodes running jobs");
        _onArrival = Arrive;
        _onCompletion = Complete;
    }

    /// <summary>
    /// Replays fresh copies of <paramref name="jobs"/> (which must be sorted by submit time) and
    /// returns them scheduled. The originals are not changed, so a workload can be replayed many times.
    /// </summary>
    public static ReplayOutcome Run(IReadOnlyList<BatchJob> jobs, Machine machine, IQueuePolicy policy, IBackfill backfill, IJobSlowdown? slowdown = null)
    {
        var copies = new BatchJob[jobs.Count];
        for (var i = 0; i < copies.Length; i++)
        {
            copies[i] = jobs[i].WithIndex(i);
            if (i > 0 && copies[i].SubmitNs < copies[i - 1].SubmitNs)
                throw new ArgumentException($"jobs must be sorted by submit time: {copies[i]} comes after {copies[i - 1]}", nameof(jobs));
        }
        var replay = new ClusterReplay(copies, machine, policy, backfill, slowdown ?? NoSlowdown.Instance);
        if (copies.Length > 0)
        {
            // The clock starts at the first submit (as in the artifact), so the monitors do not
            // count empty time before it.
            replay._sim.Schedule(SimTime.FromNanoseconds(copies[0].SubmitNs), _ => replay.Begin(), null, ArrivalPriority - 1);
        }
        replay._sim.Run();
        return new ReplayOutcome(copies, replay._costs, machine, replay._queueLength.Mean, replay._busyNodes.Mean, replay._sim.ProcessedEntries);
    }

    private void Begin()
    {
        _queueLength.Reset();
        _busyNodes.Reset();
        ScheduleArrival(0);
    }

    private void ScheduleArrival(int index) =>
        _sim.Schedule(SimTime.FromNanoseconds(_jobs[index].SubmitNs - _sim.NowNanoseconds), _onArrival, index, ArrivalPriority);

    private void Arrive(long index)
    {
        var job = _jobs[(int)index];
        _scheduler.Submit(job, _sim.NowNanoseconds);
        if (index + 1 < _jobs.Count) ScheduleArrival((int)index + 1);
        Decide();
    }

    private void Complete(long index)
    {
        _scheduler.Complete(_jobs[(int)index]);
        Decide();
    }

    private void Decide()
    {
        var now = _sim.NowNanoseconds;
        _started.Clear();
        _scheduler.Decide(now, _started);
        foreach (var job in _started)
        {
            var cost = _slowdown.Cost(job);
            var factor = cost.Factor;
            if (!(factor > 0) || double.IsInfinity(factor))
                throw new InvalidOperationException($"the slowdown of {job} is {factor}; it must be a positive number");
            _costs[job.Index] = cost;
            job.ActualRunNs = (long)Math.Round(job.RunNs * factor);
            _sim.Schedule(SimTime.FromNanoseconds(job.ActualRunNs), _onCompletion, job.Index, CompletionPriority);
        }
        _queueLength.Update(_scheduler.QueueLength);
        _busyNodes.Update(_scheduler.TotalNodes - _scheduler.FreeNodes);
    }
}
