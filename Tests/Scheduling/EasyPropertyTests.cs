#pragma warning disable NUnit1027 // FsCheck, not NUnit attributes, supplies the properties' arguments
using NodeSim.Models;
using FsCheckProperty = FsCheck.NUnit.PropertyAttribute;
using NodeSim.Engine;
using NodeSim.Kernel;
using NodeSim.Models.Scheduling;

namespace NodeSim.Tests.Scheduling;

/// <summary>
/// EASY's invariants over many random workloads. FsCheck draws the seed (and shrinks a failing
/// one); the workload — sizes, bursty submits, run times, estimates at least the run time — is
/// built from it.
/// </summary>
public class EasyPropertyTests
{
    private static (BatchJob[] Jobs, Machine Machine, double Slowdown) Workload(int seed)
    {
        var r = new RandomStream((ulong)(uint)seed);
        var nodes = 1 + r.Next(32);
        var jobs = new BatchJob[20 + r.Next(120)];
        long t = 0;
        for (var i = 0; i < jobs.Length; i++)
        {
            t += r.Next(4) == 0 ? 0 : SimTime.FromSeconds(r.Next(1, 200)).Nanoseconds; // ties on purpose
            var run = SimTime.FromSeconds(r.Next(0, 1000)).Nanoseconds;
            var estimate = run + SimTime.FromSeconds(r.Next(0, 500)).Nanoseconds;
            var size = 1 + r.Next(nodes);
            jobs[i] = new BatchJob(i, i, t, run, estimate, size, size);
        }
        return (jobs, new Machine(nodes, 1), 1 + r.Next(3) * 0.25);
    }

    private static ReplayOutcome Replay(int seed, string policy = "fcfs", double? slowdown = null)
    {
        var (jobs, machine, s) = Workload(seed);
        return ClusterReplay.Run(jobs, machine, Contexts.Models.QueuePolicies.Get(policy), new EasyBackfill(), new Constant(slowdown ?? s));
    }

    /// <summary>FCFS as a score (the submit time) without the arrival flag: the scheduler walks its sorted queue, as EASY did before its index.</summary>
    private sealed class ScoredBySubmit : IQueuePolicy
    {
        public string Name => "fcfs-scored";
        public string Description => "FCFS by score, walked";
        public bool DependsOnTime => false;
        public double Score(BatchJob job, long nowNs) => job.SubmitNs;
    }

    [FsCheckProperty(MaxTest = 300)]
    public bool TheArrivalIndexChoosesExactlyWhatTheQueueWalkChooses(int seed)
    {
        // EASY under FCFS finds its backfill candidates through the arrival index; the same policy as a score walks the queue. Every job
        // must start at the same time, with its slowdown, and get the same reservation.
        var (jobs, machine, s) = Workload(seed);
        var indexed = ClusterReplay.Run(jobs, machine, new QueuePolicies.Fcfs(), new EasyBackfill(), new Constant(s));
        var walked = ClusterReplay.Run(jobs, machine, new ScoredBySubmit(), new EasyBackfill(), new Constant(s));
        return indexed.Jobs.Zip(walked.Jobs).All(p => p.First.StartNs == p.Second.StartNs && p.First.ReservationNs == p.Second.ReservationNs);
    }

    [FsCheckProperty(MaxTest = 200)]
    public bool NoNodeIsEverOversubscribed(int seed)
    {
        var outcome = Replay(seed, "sjf");
        var changes = outcome.Jobs.SelectMany(j => new[] { (T: j.StartNs, D: j.Nodes), (T: j.StartNs + j.ActualRunNs, D: -j.Nodes) })
            .OrderBy(c => c.T).ThenBy(c => c.D); // at equal times, releases before starts
        var busy = 0;
        foreach (var c in changes)
        {
            busy += c.D;
            if (busy > outcome.Machine.Nodes) return false;
        }
        return busy == 0;
    }

    [FsCheckProperty(MaxTest = 200)]
    public bool TheHeadsReservationIsNeverDelayedByABackfilledJob(int seed)
    {
        // FCFS, estimates ≥ actual run times (slowdown 1): every job that got a reservation starts by it.
        var outcome = Replay(seed, "fcfs", slowdown: 1.0);
        return outcome.Jobs.Where(j => j.ReservationNs >= 0).All(j => j.StartNs <= j.ReservationNs);
    }

    [FsCheckProperty(MaxTest = 200)]
    public bool JobsStartAfterArrivalAndRunExactlyTheirRunTimeTimesTheSlowdown(int seed)
    {
        var (_, _, slowdown) = Workload(seed);
        var outcome = Replay(seed, "f1");
        return outcome.Jobs.All(j => j.StartNs >= j.SubmitNs && j.ActualRunNs == (long)Math.Round(j.RunNs * slowdown));
    }

    [FsCheckProperty(MaxTest = 100)]
    public bool WorkIsConserved(int seed)
    {
        // Every job runs once, and the busy-node integral equals Σ actual run · nodes.
        var outcome = Replay(seed, "unicep");
        var first = outcome.Jobs.Min(j => j.SubmitNs);
        var last = outcome.Jobs.Max(j => j.StartNs + j.ActualRunNs);
        var work = outcome.Jobs.Sum(j => (double)j.ActualRunNs * j.Nodes);
        var integral = outcome.MeanBusyNodes * (last - first);
        return outcome.Jobs.All(j => j.StartNs >= 0) && Math.Abs(integral - work) <= 1e-9 * Math.Max(work, 1) + 1;
    }

    private sealed class Constant(double f) : IJobSlowdown
    {
        public JobCost Cost(BatchJob job) => new(f);
    }
}
