using NodeSim.Kernel;

namespace NodeSim.Tests.Kernel;

public class OrderingTests
{
    [Test]
    public void EqualTimesAreProcessedFirstInFirstOut()
    {
        var sim = new Simulation();
        var order = new List<int>();
        for (var i = 0; i < 50; i++)
        {
            var id = i;
            sim.Schedule(SimTime.FromSeconds(1), _ => order.Add(id), null);
        }
        sim.Run();
        Assert.That(order, Is.EqualTo(Enumerable.Range(0, 50)));
    }

    [Test]
    public void LowerPriorityValuesGoFirstAtTheSameTime()
    {
        var sim = new Simulation();
        var order = new List<string>();
        sim.Schedule(SimTime.FromSeconds(1), _ => order.Add("normal-a"), null);
        sim.Schedule(SimTime.FromSeconds(1), _ => order.Add("late"), null, priority: 5);
        sim.Schedule(SimTime.FromSeconds(1), _ => order.Add("urgent"), null, priority: Event.UrgentPriority);
        sim.Schedule(SimTime.FromSeconds(1), _ => order.Add("normal-b"), null);
        sim.Schedule(SimTime.FromSeconds(0.5), _ => order.Add("earlier"), null, priority: 100);
        sim.Run();
        Assert.That(order, Is.EqualTo(new[] { "earlier", "urgent", "normal-a", "normal-b", "late" }));
    }

    [Test]
    public void ZeroDelayEntriesInterleaveWithHeapEntriesInKeyOrder()
    {
        // Entries due now take a fast path; they must still respect (time, priority, sequence)
        // against entries scheduled earlier for this same time.
        var sim = new Simulation();
        var order = new List<string>();
        sim.Schedule(SimTime.FromSeconds(1), _ =>
        {
            order.Add("a");
            sim.Schedule(SimTime.Zero, _ => order.Add("a-now"), null);
            sim.Schedule(SimTime.Zero, _ => order.Add("a-urgent-now"), null, Event.UrgentPriority);
            sim.Schedule(SimTime.Zero, _ => order.Add("a-late-now"), null, 3);
        }, null);
        sim.Schedule(SimTime.FromSeconds(1), _ => order.Add("b"), null);
        sim.Schedule(SimTime.FromSeconds(1), _ => order.Add("c-urgent"), null, Event.UrgentPriority);
        sim.Run();
        Assert.That(order, Is.EqualTo(new[] { "c-urgent", "a", "a-urgent-now", "b", "a-now", "a-late-now" }));
    }

    [Test]
    public void RunUntilProcessesStrictlyEarlierEntriesAndSetsTheClock()
    {
        var sim = new Simulation();
        var fired = new List<double>();
        foreach (var t in new[] { 1.0, 2.0, 3.0 })
            sim.Schedule(SimTime.FromSeconds(t), _ => fired.Add(sim.Now.Seconds), null);
        sim.Run(SimTime.FromSeconds(2));
        Assert.That(fired, Is.EqualTo(new[] { 1.0 }));
        Assert.That(sim.Now, Is.EqualTo(SimTime.FromSeconds(2)));
        Assert.That(sim.Peek(), Is.EqualTo(SimTime.FromSeconds(2)));
        sim.Run(SimTime.FromSeconds(10));
        Assert.That(fired, Is.EqualTo(new[] { 1.0, 2.0, 3.0 }));
        Assert.That(sim.Now, Is.EqualTo(SimTime.FromSeconds(10)));
        Assert.That(sim.Peek(), Is.EqualTo(SimTime.MaxValue));
        Assert.That(() => sim.Run(SimTime.FromSeconds(5)), Throws.TypeOf<ArgumentOutOfRangeException>());
    }

    [Test]
    public void StepAndPeekAdvanceOneEntryAtATime()
    {
        var sim = new Simulation();
        sim.Timeout(SimTime.FromMicroseconds(3));
        sim.Timeout(SimTime.FromMicroseconds(1));
        Assert.That(sim.Peek(), Is.EqualTo(SimTime.FromMicroseconds(1)));
        sim.Step();
        Assert.That(sim.Now, Is.EqualTo(SimTime.FromMicroseconds(1)));
        sim.Step();
        Assert.That(sim.Now, Is.EqualTo(SimTime.FromMicroseconds(3)));
        Assert.That(sim.ProcessedEntries, Is.EqualTo(2L));
        Assert.That(() => sim.Step(), Throws.InvalidOperationException.With.Message.Contains("empty"));
    }

    [Test]
    public void RunUntilAnEventReturnsItsValue()
    {
        var sim = new Simulation();
        var t = sim.Timeout(SimTime.FromSeconds(4), "done");
        sim.Timeout(SimTime.FromSeconds(9));
        Assert.That(sim.Run(t), Is.EqualTo("done"));
        Assert.That(sim.Now, Is.EqualTo(SimTime.FromSeconds(4)));
    }

    [Test]
    public void HeapKeepsOrderUnderManyRandomInsertions()
    {
        var sim = new Simulation(3);
        var random = sim.Random("times");
        var seen = new List<(long Time, int Id)>();
        for (var i = 0; i < 5000; i++)
        {
            var id = i;
            sim.Schedule(SimTime.FromNanoseconds(random.NextInt64(0, 200)), _ => seen.Add((sim.NowNanoseconds, id)), null);
        }
        sim.Run();
        var expected = seen.OrderBy(x => x.Time).ThenBy(x => x.Id).ToList(); // LINQ OrderBy is stable
        Assert.That(seen, Is.EqualTo(expected));
    }

    [TestCase(1UL)]
    [TestCase(2UL)]
    [TestCase(3UL)]
    public void EachEntryProcessedIsTheSmallestPendingKey(ulong seed)
    {
        // Handlers schedule more entries with random delays (a third of them zero, which take the
        // fast path) and random priorities. Oracle: whenever an entry is processed, it is the
        // smallest (time, priority, sequence) among the entries pending at that moment.
        var sim = new Simulation(seed);
        var random = sim.Random("test");
        var pending = new SortedSet<(long Time, int Priority, int Seq)>();
        var processed = 0;
        var next = 0;
        Action<long> handler = null!;
        void Add()
        {
            if (next >= 3000) return;
            var delay = random.Next(3) == 0 ? 0 : random.NextInt64(0, 50);
            var priority = random.Next(-2, 3);
            var seq = next++;
            pending.Add((sim.NowNanoseconds + delay, priority, seq));
            sim.Schedule(SimTime.FromNanoseconds(delay), handler, seq, priority);
        }
        handler = seq =>
        {
            var smallest = pending.Min;
            Assert.That(seq, Is.EqualTo(smallest.Seq));
            Assert.That(sim.NowNanoseconds, Is.EqualTo(smallest.Time));
            pending.Remove(smallest);
            processed++;
            for (var k = random.Next(4); k > 0; k--) Add();
        };
        for (var i = 0; i < 40; i++) Add();
        sim.Run();
        Assert.That(pending, Is.Empty);
        Assert.That(processed, Is.GreaterThan(1000));
    }
}
