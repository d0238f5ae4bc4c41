using NodeSim.Engine;
using NodeSim.Kernel;
using NodeSim.Models.Scheduling;

namespace NodeSim.Tests.Scheduling;

public class SchedulingTests
{
    private static long S(double seconds) => SimTime.FromSeconds(seconds).Nanoseconds;

    /// <summary>A job submitted at <paramref name="submit"/> s on <paramref name="nodes"/> nodes running <paramref name="run"/> s (estimate = run unless given).</summary>
    private static BatchJob J(int id, double submit, int nodes, double run, double? estimate = null) =>
        new(id, id, S(submit), S(run), S(estimate ?? run), nodes, nodes);

    private static Dictionary<long, double> Starts(IReadOnlyList<BatchJob> jobs, int nodes, string policy, string backfill) =>
        ClusterReplay.Run(jobs, new Machine(nodes, 1), Contexts.Models.QueuePolicies.Get(policy), Contexts.Models.Backfills.Get(backfill))
            .Jobs.ToDictionary(j => j.Id, j => j.StartNs / 1e9);

    [Test]
    public void PoliciesScoreByTheirTextbookDefinitions()
    {
        var small = J(1, 100, 1, 50);
        var big = J(2, 10, 64, 1000);
        Assert.That(new QueuePolicies.Fcfs().Score(big, 0), Is.LessThan(new QueuePolicies.Fcfs().Score(small, 0)));
        Assert.That(new QueuePolicies.Sjf().Score(small, 0), Is.LessThan(new QueuePolicies.Sjf().Score(big, 0)));
        Assert.That(new QueuePolicies.F1().Score(big, 0), Is.EqualTo(Math.Log10(1000) * 64 + 870 * Math.Log10(10)).Within(1e-9));
        // WFP3 = −(w/e)^3·n; UNICEP = −w/(log2 n · e), at t = 1,010 s.
        Assert.That(new QueuePolicies.Wfp3().Score(big, S(1010)), Is.EqualTo(-Math.Pow(1000.0 / 1000, 3) * 64).Within(1e-9));
        Assert.That(new QueuePolicies.Unicep().Score(big, S(1010)), Is.EqualTo(-1000.0 / (6 * 1000)).Within(1e-12));
        Assert.That(new QueuePolicies.Unicep().Score(small, S(1010)), Is.EqualTo(-910.0 / (1 * 50)).Within(1e-12), "n = 1 counts as 2");
    }

    [Test]
    public void FcfsServesEqualSubmitTimesInArrivalOrderAndRefusesOutOfOrderArrivals()
    {
        // Three jobs submitted at the same instant, each needing the whole machine: they run in the order they arrived.
        var starts = Starts([J(7, 5, 2, 1), J(3, 5, 2, 1), J(5, 5, 2, 1)], 2, "fcfs", "easy");
        Assert.That(starts, Is.EqualTo(new Dictionary<long, double> { [7] = 5, [3] = 6, [5] = 7 }));

        var scheduler = new BatchScheduler(4, new QueuePolicies.Fcfs(), new EasyBackfill());
        scheduler.Submit(J(1, 10, 1, 1), S(10));
        Assert.That(() => scheduler.Submit(J(2, 9, 1, 1), S(10)),
            Throws.ArgumentException.With.Message.Contains("arrives after a job submitted later; under 'fcfs' jobs must arrive in submit order"));
    }

    [Test]
    public void WithoutBackfillingTheHeadBlocksEveryoneBehindIt()
    {
        // 4 nodes. A takes 3 nodes for 10 s; B needs 4 (waits to t=10); C needs 1 and would fit but must wait for B.
        var starts = Starts([J(1, 0, 3, 10), J(2, 1, 4, 5), J(3, 2, 1, 1)], 4, "fcfs", "none");
        Assert.That(starts, Is.EqualTo(new Dictionary<long, double> { [1] = 0, [2] = 10, [3] = 15 }));
    }

    [Test]
    public void AWaitingHeadIsNotDisplacedByABetterJobArrivingLater()
    {
        // SJF without backfilling: B (long) becomes the head at t=1 and is blocked; C (short) arrives at t=2.
        // The artifact keeps B as the head until it starts.
        var starts = Starts([J(1, 0, 3, 10), J(2, 1, 4, 100), J(3, 2, 4, 1)], 4, "sjf", "none");
        Assert.That(starts[2], Is.EqualTo(10));
        Assert.That(starts[3], Is.EqualTo(110));
    }

    [Test]
    public void GreedyBackfillingStartsJobsThatEndStrictlyBeforeTheShadow()
    {
        // 4 nodes: A holds 3 until t=10, so B (4 nodes) has shadow 10.
        // C (1 node, 8 s, at t=1) ends at 9 < 10: backfills. D (1 node, 9 s, at t=1) would end at 10, not < 10: waits.
        var starts = Starts([J(1, 0, 3, 10), J(2, 0.5, 4, 5), J(3, 1, 1, 8), J(4, 1, 1, 9)], 4, "fcfs", "greedy");
        Assert.That(starts[3], Is.EqualTo(1));
        Assert.That(starts[4], Is.EqualTo(15), "ends exactly at the shadow: not backfilled, runs after B");
        Assert.That(starts[2], Is.EqualTo(10));
    }

    [Test]
    public void EasyAlsoBackfillsOntoNodesTheReservationLeavesFree()
    {
        // 8 nodes: A holds 6 until t=10. B needs 4: shadow 10, extra = 8 − 4 = 4 nodes at the shadow.
        // C (2 nodes, 100 s) ends after the shadow but fits in the extra nodes: EASY starts it now; greedy does not.
        var jobs = new[] { J(1, 0, 6, 10), J(2, 1, 4, 5), J(3, 2, 2, 100) };
        Assert.That(Starts(jobs, 8, "fcfs", "easy")[3], Is.EqualTo(2));
        Assert.That(Starts(jobs, 8, "fcfs", "greedy")[3], Is.EqualTo(10));
        Assert.That(Starts(jobs, 8, "fcfs", "easy")[2], Is.EqualTo(10), "the reservation holds");
    }

    [Test]
    public void TimeDependentPoliciesRescoreTheQueue()
    {
        // WFP3 favours the job that has waited longest relative to its estimate. EASY re-chooses the
        // head at every decision (no backfilling would keep the first head; see above).
        // 2 nodes, A holds both until t=100. B (estimate 1000 s) and C (estimate 10 s) wait from t=1 and t=50.
        // At t=50 B leads (C has not waited yet); at t=100 B's (99/1000)^3·2 ≈ 0.002 < C's (50/10)^3·2 = 250, so C goes first.
        var starts = Starts([J(1, 0, 2, 100), J(2, 1, 2, 1000), J(3, 50, 2, 10)], 2, "wfp3", "easy");
        Assert.That(starts[3], Is.EqualTo(100));
        Assert.That(starts[2], Is.EqualTo(110));
    }

    [Test]
    public void ArrivalsWinTiesWithCompletions()
    {
        // SJF + EASY on 2 nodes. A runs until t=10; W (100 s) waits from t=5; S (1 s) arrives at t=10,
        // the instant A ends. Arrival first: at A's completion S is already queued and, being
        // shorter, starts at 10 and W at 11. (Completion first would start W at 10, S at 110.)
        var starts = Starts([J(1, 0, 2, 10), J(2, 5, 2, 100), J(3, 10, 2, 1)], 2, "sjf", "easy");
        Assert.That(starts[3], Is.EqualTo(10));
        Assert.That(starts[2], Is.EqualTo(11));
    }

    [Test]
    public void ASlowdownLengthensRunsButNotDecisions()
    {
        var jobs = new[] { J(1, 0, 1, 10), J(2, 0, 1, 10) };
        var outcome = ClusterReplay.Run(jobs, new Machine(1, 1), new QueuePolicies.Fcfs(), new EasyBackfill(), new ConstantSlowdown(1.5));
        Assert.That(outcome.Jobs.Select(j => j.ActualRunNs), Is.EqualTo(new[] { S(15), S(15) }));
        Assert.That(outcome.Jobs[1].StartNs, Is.EqualTo(S(15)));
        Assert.That(jobs[0].StartNs, Is.EqualTo(-1), "the input jobs are not changed");
    }

    [Test]
    public void UnsortedJobsAndOversizedJobsAreRejected()
    {
        Assert.That(() => ClusterReplay.Run([J(1, 5, 1, 1), J(2, 1, 1, 1)], new Machine(2, 1), new QueuePolicies.Fcfs(), new EasyBackfill()),
            Throws.ArgumentException.With.Message.Contains("sorted by submit time"));
        Assert.That(() => ClusterReplay.Run([J(1, 0, 3, 1)], new Machine(2, 1), new QueuePolicies.Fcfs(), new EasyBackfill()),
            Throws.ArgumentException.With.Message.Contains("needs more nodes than the machine has (2)"));
    }

    private sealed class ConstantSlowdown(double f) : IJobSlowdown
    {
        public JobCost Cost(BatchJob job) => new(f);
    }
}
