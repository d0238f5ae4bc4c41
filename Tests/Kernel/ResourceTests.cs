using NodeSim.Kernel;

namespace NodeSim.Tests.Kernel;

public class ResourceTests
{
    private static IEnumerable<Event> Use(Simulation sim, Resource resource, string name, double seconds, List<string> log, Func<Request>? request = null)
    {
        using var req = request?.Invoke() ?? resource.Request();
        yield return req;
        log.Add($"{name}+{sim.Now.Seconds}");
        yield return sim.Timeout(SimTime.FromSeconds(seconds));
        log.Add($"{name}-{sim.Now.Seconds}");
    }

    [Test]
    public void AResourceServesUpToItsCapacityInArrivalOrder()
    {
        var sim = new Simulation();
        var res = new Resource(sim, 2);
        var log = new List<string>();
        foreach (var (name, t) in new[] { ("a", 3.0), ("b", 1.0), ("c", 1.0), ("d", 1.0) })
            sim.Process(Use(sim, res, name, t, log));
        sim.Run();
        Assert.That(log, Is.EqualTo(new[] { "a+0", "b+0", "b-1", "c+1", "c-2", "d+2", "a-3", "d-3" }));
        Assert.That(res.Count, Is.Zero);
    }

    /// <summary>Waits for a unit (at <paramref name="priority"/> on a priority resource); gives up if interrupted while waiting.</summary>
    private static IEnumerable<Event> Impatient(Simulation sim, Resource res, string name, int priority, double hold, List<string> served)
    {
        using var request = res is PriorityResource p ? p.Request(priority) : res.Request();
        yield return request;
        if (sim.ActiveProcess!.TryHandleInterrupt(out _)) yield break;
        served.Add($"{name}@{sim.Now.Seconds}");
        yield return sim.Timeout(SimTime.FromSeconds(hold));
    }

    /// <summary>A holder until t = 5, two waiters b and c that give up at t = 1, optionally d waiting throughout, and a request at t = 2.</summary>
    private static (Resource Resource, List<string> Served, Simulation Sim) Withdrawals(bool byPriority, bool withD)
    {
        var sim = new Simulation();
        var res = byPriority ? new PriorityResource(sim, 1) : new Resource(sim, 1);
        var served = new List<string>();
        sim.Process(Impatient(sim, res, "holder", 0, 5, served));
        var quitters = new[] { sim.Process(Impatient(sim, res, "b", 2, 1, served)), sim.Process(Impatient(sim, res, "c", 1, 1, served)) };
        if (withD) sim.Process(Impatient(sim, res, "d", 4, 1, served));
        sim.Schedule(SimTime.FromSeconds(1), _ => { foreach (var q in quitters) q.Interrupt("gave up"); }, null);
        sim.Schedule(SimTime.FromSeconds(2), _ => sim.Process(Impatient(sim, res, "late", 3, 1, served)), null);
        sim.Run(SimTime.FromSeconds(1.5));
        return (res, served, sim);
    }

    [TestCase(false)]
    [TestCase(true)]
    public void WithdrawnRequestsLeaveTheLineAndTheOthersAreServedInOrder(bool byPriority)
    {
        var (res, served, sim) = Withdrawals(byPriority, withD: true);
        Assert.That(res.QueueLength, Is.EqualTo(1), "b and c withdrew; d still waits");
        sim.Run();
        Assert.That(served, Is.EqualTo(byPriority
            ? new[] { "holder@0", "late@5", "d@6" }
            : new[] { "holder@0", "d@5", "late@6" }));
        Assert.That(res.Count, Is.Zero);
        Assert.That(res.QueueLength, Is.Zero);
    }

    [TestCase(false)]
    [TestCase(true)]
    public void WhenEveryWaitingRequestIsWithdrawnALaterRequestIsServedNext(bool byPriority)
    {
        var (res, served, sim) = Withdrawals(byPriority, withD: false);
        Assert.That(res.QueueLength, Is.Zero);
        sim.Run();
        Assert.That(served, Is.EqualTo(new[] { "holder@0", "late@5" }));
    }

    [Test]
    public void APriorityResourceServesWaitingRequestsByPriorityThenArrival()
    {
        var sim = new Simulation();
        var res = new PriorityResource(sim, 1);
        var log = new List<string>();
        sim.Process(Use(sim, res, "first", 1, log, () => res.Request(5)));
        sim.Process(Use(sim, res, "low", 1, log, () => res.Request(9)));
        sim.Process(Use(sim, res, "high1", 1, log, () => res.Request(1)));
        sim.Process(Use(sim, res, "high2", 1, log, () => res.Request(1)));
        sim.Run();
        Assert.That(log.Where(x => x.Contains('+')), Is.EqualTo(new[] { "first+0", "high1+1", "high2+2", "low+3" }));
    }

    [Test]
    public void PreemptionInterruptsTheHolderWithWhoAndSinceWhen()
    {
        var sim = new Simulation();
        var res = new PreemptiveResource(sim, 1);
        Preempted? cause = null;
        double remaining = -1;
        IEnumerable<Event> Victim()
        {
            var req = res.Request(5);
            yield return req;
            var start = sim.Now;
            yield return sim.Timeout(SimTime.FromSeconds(10));
            if (sim.ActiveProcess!.TryHandleInterrupt(out var i))
            {
                cause = (Preempted)i.Cause!;
                remaining = 10 - (sim.Now - start).Seconds;
            }
            req.Dispose(); // a preempted request no longer holds the unit: disposing does nothing
        }
        IEnumerable<Event> Boss()
        {
            yield return sim.Timeout(SimTime.FromSeconds(4));
            using var req = res.Request(0);
            yield return req;
            yield return sim.Timeout(SimTime.FromSeconds(1));
        }
        sim.Process(Victim(), "victim");
        var boss = sim.Process(Boss(), "boss");
        sim.Run();
        Assert.That(cause, Is.Not.Null);
        Assert.That(cause!.By, Is.SameAs(boss));
        Assert.That(cause.UsageSince, Is.EqualTo(SimTime.Zero));
        Assert.That(remaining, Is.EqualTo(6.0));
        Assert.That(res.Count, Is.Zero);
    }

    [Test]
    public void EqualOrBetterPriorityHoldersAreNotPreempted()
    {
        var sim = new Simulation();
        var res = new PreemptiveResource(sim, 1);
        var log = new List<string>();
        sim.Process(Use(sim, res, "holder", 2, log, () => res.Request(1)));
        sim.Process(Use(sim, res, "peer", 1, log, () => res.Request(1)));
        sim.Process(Use(sim, res, "polite", 1, log, () => res.Request(0, preempt: false)));
        sim.Run();
        Assert.That(log, Is.EqualTo(new[] { "holder+0", "holder-2", "polite+2", "polite-3", "peer+3", "peer-4" }));
    }

    [Test]
    public void ReleasingARequestThatDoesNotHoldAUnitIsAnError()
    {
        var sim = new Simulation();
        var a = new Resource(sim, 1, "a");
        var b = new Resource(sim, 1, "b");
        var held = a.Request();
        var waiting = a.Request();
        Assert.That(() => a.Release(waiting), Throws.InvalidOperationException.With.Message.EqualTo("cannot release a request of 'a' that is queued, not granted"));
        Assert.That(() => b.Release(held), Throws.InvalidOperationException.With.Message.EqualTo("the request belongs to 'a', not to 'b'"));
        a.Release(held);
        Assert.That(() => a.Release(held), Throws.InvalidOperationException.With.Message.Contains("released, not granted"));
        Assert.That(() => new Resource(sim, 0), Throws.TypeOf<ArgumentOutOfRangeException>());
    }

    [Test]
    public void MonitorsObserveQueueLengthUnitsInUseAndWaits()
    {
        var sim = new Simulation();
        var res = new Resource(sim, 1)
        {
            QueueLengthMonitor = new TimeWeightedMonitor(sim, "q", "requests", "waiting requests"),
            InUseMonitor = new TimeWeightedMonitor(sim, "busy", "units", "units in use"),
            WaitTimeMonitor = new SampleMonitor("wait", "s", "waiting time"),
        };
        var log = new List<string>();
        // a holds [0,4); b waits 0..4 then holds [4,6); c waits 0..6 then holds [6,8).
        foreach (var name in new[] { "a", "b", "c" })
            sim.Process(Use(sim, res, name, name == "a" ? 4 : 2, log));
        sim.Run();
        // Queue: 2 during [0,4), 1 during [4,6), 0 during [6,8) → mean (8 + 2) / 8.
        Assert.That(res.QueueLengthMonitor.Mean, Is.EqualTo(10.0 / 8).Within(1e-12));
        Assert.That(res.QueueLengthMonitor.Max, Is.EqualTo(2));
        Assert.That(res.InUseMonitor.Mean, Is.EqualTo(1.0).Within(1e-12));
        Assert.That(res.WaitTimeMonitor.Mean, Is.EqualTo((0 + 4 + 6) / 3.0).Within(1e-12));
        Assert.That(res.QueueLengthMonitor.TimeAt(1), Is.EqualTo(SimTime.FromSeconds(2)));
    }

    [Test]
    public void AStoreIsABoundedFifoBuffer()
    {
        var sim = new Simulation();
        var store = new Store<string>(sim, capacity: 2);
        var got = new List<string>();
        var putTimes = new List<double>();
        IEnumerable<Event> Producer()
        {
            foreach (var item in new[] { "x", "y", "z" })
            {
                yield return store.Put(item);
                putTimes.Add(sim.Now.Seconds);
            }
        }
        IEnumerable<Event> Consumer()
        {
            yield return sim.Timeout(SimTime.FromSeconds(5));
            for (var i = 0; i < 3; i++)
            {
                var get = store.Get();
                yield return get;
                got.Add(get.Item);
            }
        }
        sim.Process(Producer());
        sim.Process(Consumer());
        sim.Run();
        Assert.That(putTimes, Is.EqualTo(new[] { 0.0, 0.0, 5.0 }), "the third put waits for room");
        Assert.That(got, Is.EqualTo(new[] { "x", "y", "z" }));
    }

    [Test]
    public void AFilterStoreGetTakesTheOldestMatchingItemWithoutBlockingOthers()
    {
        var sim = new Simulation();
        var store = new FilterStore<int>(sim);
        var evens = store.Get(x => x % 2 == 0);
        var any = store.Get();
        store.Put(3);
        store.Put(4);
        sim.Run();
        Assert.That(any.Item, Is.EqualTo(3), "the unfiltered get is served though an earlier get waits");
        Assert.That(evens.Item, Is.EqualTo(4));
    }

    [Test]
    public void APriorityStoreHandsOutTheBestItemFirst()
    {
        var sim = new Simulation();
        var store = new PriorityStore<string>(sim);
        store.Put("low", 9);
        store.Put("urgent-1", 0);
        store.Put("urgent-2", 0);
        var gets = Enumerable.Range(0, 3).Select(_ => store.Get()).ToList();
        sim.Run();
        Assert.That(gets.Select(g => g.Item), Is.EqualTo(new[] { "urgent-1", "urgent-2", "low" }));
    }

    [Test]
    public void AContainerMovesAmountsAndMakesGetsWaitInOrder()
    {
        var sim = new Simulation();
        var tank = new Container(sim, capacity: 100, initialLevel: 10);
        var big = tank.Get(50);
        var small = tank.Get(5); // strictly in order: waits behind the big get
        sim.Run();
        Assert.That(big.IsTriggered || small.IsTriggered, Is.False);
        tank.Put(60);
        sim.Run();
        Assert.That(big.Ok && small.Ok, Is.True);
        Assert.That(tank.Level, Is.EqualTo(15));
        var overflow = tank.Put(90);
        sim.Run();
        Assert.That(overflow.IsTriggered, Is.False, "a put waits for room");
        overflow.Cancel();
        Assert.That(() => tank.Get(0), Throws.TypeOf<ArgumentOutOfRangeException>());
        Assert.That(() => new Container(sim, 10, 11), Throws.TypeOf<ArgumentOutOfRangeException>());
    }

    [Test]
    public void InterruptingAWaitingStoreGetWithdrawsIt()
    {
        var sim = new Simulation();
        var store = new Store<int>(sim);
        var received = new List<int>();
        IEnumerable<Event> Waiter(bool handle)
        {
            var get = store.Get();
            yield return get;
            if (sim.ActiveProcess!.TryHandleInterrupt(out _)) yield break;
            received.Add(get.Item);
        }
        var quitter = sim.Process(Waiter(true));
        sim.Process(Waiter(true));
        sim.Schedule(SimTime.FromSeconds(1), _ => quitter.Interrupt(), null);
        sim.Schedule(SimTime.FromSeconds(2), _ => store.Put(7), null);
        sim.Run();
        Assert.That(received, Is.EqualTo(new[] { 7 }));
        Assert.That(store.Count, Is.Zero);
    }
}
