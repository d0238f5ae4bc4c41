using NodeSim.Kernel;

namespace NodeSim.Tests.Kernel;

public class ProcessTests
{
    [Test]
    public void AProcessIsAnEventWithAReturnValue()
    {
        var sim = new Simulation();
        IEnumerable<Event> Child()
        {
            yield return sim.Timeout(SimTime.FromSeconds(2));
            yield return sim.Exit(42);
        }
        object? got = null;
        IEnumerable<Event> Parent()
        {
            var child = sim.Process(Child());
            yield return child;
            got = child.Value;
        }
        sim.Process(Parent());
        sim.Run();
        Assert.That(got, Is.EqualTo(42));
        Assert.That(sim.Now, Is.EqualTo(SimTime.FromSeconds(2)));
    }

    [Test]
    public void WaitingForAnAlreadyFinishedProcessContinuesAtOnce()
    {
        var sim = new Simulation();
        IEnumerable<Event> Quick() { yield return sim.Exit("early"); }
        var quick = sim.Process(Quick());
        object? got = null;
        IEnumerable<Event> Late()
        {
            yield return sim.Timeout(SimTime.FromSeconds(5));
            yield return quick;
            got = quick.Value;
        }
        sim.Process(Late());
        sim.Run();
        Assert.That(got, Is.EqualTo("early"));
        Assert.That(sim.Now, Is.EqualTo(SimTime.FromSeconds(5)));
    }

    [Test]
    public void HoldSpendsTimeLikeATimeout()
    {
        var sim = new Simulation();
        var times = new List<double>();
        IEnumerable<Event> P()
        {
            yield return sim.Hold(SimTime.FromSeconds(1.5));
            times.Add(sim.Now.Seconds);
            yield return sim.Timeout(SimTime.FromSeconds(1));
            times.Add(sim.Now.Seconds);
            yield return sim.Hold(SimTime.Zero);
            times.Add(sim.Now.Seconds);
        }
        sim.Process(P());
        sim.Run();
        Assert.That(times, Is.EqualTo(new[] { 1.5, 2.5, 2.5 }));
    }

    [Test]
    public void AFailedEventPropagatesIntoTheWaitingProcessAndUpTheChain()
    {
        var sim = new Simulation();
        var trigger = sim.Event();
        IEnumerable<Event> Inner()
        {
            yield return trigger; // does not handle the fault: fails with it
        }
        Exception? caught = null;
        IEnumerable<Event> Outer()
        {
            var inner = sim.Process(Inner());
            yield return inner;
            sim.ActiveProcess!.TryHandleFault(out caught);
        }
        var outer = sim.Process(Outer());
        sim.Schedule(SimTime.FromSeconds(1), _ => trigger.Fail(new InvalidDataException("disk on fire")), null);
        sim.Run();
        Assert.That(caught, Is.TypeOf<InvalidDataException>().With.Message.EqualTo("disk on fire"));
        Assert.That(outer.Ok, Is.True);
    }

    [Test]
    public void AnUnhandledFailureStopsTheRun()
    {
        var sim = new Simulation();
        IEnumerable<Event> Broken()
        {
            yield return sim.Timeout(SimTime.FromSeconds(1));
            throw new InvalidOperationException("model bug");
        }
        sim.Process(Broken(), "broken");
        Assert.That(() => sim.Run(), Throws.TypeOf<SimulationException>()
            .With.Message.Contains("process 'broken' failed").And.InnerException.Message.EqualTo("model bug"));
    }

    [Test]
    public void AllOfWaitsForEveryEventAndCollectsValues()
    {
        var sim = new Simulation();
        var a = sim.Timeout(SimTime.FromSeconds(1), "a");
        var b = sim.Timeout(SimTime.FromSeconds(3), "b");
        Dictionary<Event, object?>? values = null;
        IEnumerable<Event> P()
        {
            var all = sim.AllOf(a, b);
            yield return all;
            values = (Dictionary<Event, object?>)all.Value!;
        }
        sim.Process(P());
        sim.Run();
        Assert.That(sim.Now, Is.EqualTo(SimTime.FromSeconds(3)));
        Assert.That(values!.Values, Is.EqualTo(new object[] { "a", "b" }));
    }

    [Test]
    public void AnyOfSucceedsWithTheFirstEvent()
    {
        var sim = new Simulation();
        var slow = sim.Timeout(SimTime.FromSeconds(5), "slow");
        var fast = sim.Timeout(SimTime.FromSeconds(2), "fast");
        double at = -1;
        Dictionary<Event, object?>? values = null;
        IEnumerable<Event> P()
        {
            var any = sim.AnyOf(slow, fast);
            yield return any;
            at = sim.Now.Seconds;
            values = (Dictionary<Event, object?>)any.Value!;
        }
        sim.Process(P());
        sim.Run();
        Assert.That(at, Is.EqualTo(2.0));
        Assert.That(values!.Keys, Is.EqualTo(new Event[] { fast }));
    }

    [Test]
    public void OperatorsCombineEventsAndNestedConditionsContributeTheirEvents()
    {
        var sim = new Simulation();
        var a = sim.Timeout(SimTime.FromSeconds(1), "a");
        var b = sim.Timeout(SimTime.FromSeconds(2), "b");
        var c = sim.Timeout(SimTime.FromSeconds(3), "c");
        var d = sim.Timeout(SimTime.FromSeconds(4), "d");
        var times = new Dictionary<string, double>();
        Condition? nested = null;
        IEnumerable<Event> Wait(string name, Condition condition)
        {
            yield return condition;
            times[name] = sim.Now.Seconds;
            if (name == "(a | d) & c") nested = condition;
        }
        sim.Process(Wait("b & c", b & c));
        sim.Process(Wait("b | c", b | c));
        sim.Process(Wait("(a | d) & c", (a | d) & c));
        sim.Run();
        Assert.That(times["b & c"], Is.EqualTo(3.0));
        Assert.That(times["b | c"], Is.EqualTo(2.0));
        Assert.That(times["(a | d) & c"], Is.EqualTo(3.0));
        // SimPy's flattening: the inner condition's succeeded event (a, not d), then c; never the inner condition itself.
        Assert.That(nested!.Values.Keys, Is.EqualTo(new Event[] { a, c }));
        Assert.That(nested.Values.Values, Is.EqualTo(new object[] { "a", "c" }));
        Assert.That(() => _ = a | new Simulation().Timeout(SimTime.Zero), Throws.ArgumentException.With.Message.Contains("different simulations"));
    }

    [Test]
    public void ACustomerWhoseRequestLosesToItsPatienceLeavesTheQueue()
    {
        // The bank example: one clerk busy until t = 10; B (patience 3 s) arrives at 1 and gives up
        // at 4; C (patience 20 s) arrives at 5 and is served at 10, ahead of nobody.
        var sim = new Simulation();
        var clerk = new Resource(sim, 1, "clerk");
        var outcome = new Dictionary<string, string>();
        IEnumerable<Event> Customer(string name, double arrive, double patience, double service)
        {
            yield return sim.Hold(SimTime.FromSeconds(arrive));
            using var request = clerk.Request();
            var patienceOver = sim.Timeout(SimTime.FromSeconds(patience));
            var first = request | patienceOver;
            yield return first;
            if (!first.Values.ContainsKey(request))
            {
                Assert.That(first.Values.Keys, Is.EqualTo(new Event[] { patienceOver }));
                outcome[name] = $"left at {sim.Now.Seconds}";
                yield break;   // leaving the using block withdraws the request
            }
            outcome[name] = $"served at {sim.Now.Seconds}";
            yield return sim.Hold(SimTime.FromSeconds(service));
        }
        sim.Process(Customer("A", 0, 1, 10));
        sim.Process(Customer("B", 1, 3, 10));
        sim.Process(Customer("C", 5, 20, 1));
        sim.Run(SimTime.FromSeconds(4.5));
        Assert.That(clerk.QueueLength, Is.Zero, "B's request was withdrawn when B left");
        sim.Run();
        Assert.That(outcome, Is.EqualTo(new Dictionary<string, string> { ["A"] = "served at 0", ["B"] = "left at 4", ["C"] = "served at 10" }));
    }

    [Test]
    public void ConditionsFailWhenAnEventFailsAndSucceedAtOnceWhenEmpty()
    {
        var sim = new Simulation();
        var bad = sim.Event();
        var all = sim.AllOf(sim.Timeout(SimTime.FromSeconds(5)), bad);
        all.Defuse();
        bad.Fail(new TimeoutException("lost"));
        var empty = sim.AnyOf();
        sim.Run();
        Assert.That(all.Ok, Is.False);
        Assert.That(all.Error, Is.TypeOf<TimeoutException>());
        Assert.That(empty.Ok && empty.IsProcessed, Is.True);
    }

    [Test]
    public void AnInterruptResumesTheProcessWithItsCause()
    {
        var sim = new Simulation();
        var log = new List<string>();
        IEnumerable<Event> Sleeper()
        {
            yield return sim.Hold(SimTime.FromSeconds(10));
            if (sim.ActiveProcess!.TryHandleInterrupt(out var interruption))
                log.Add($"woken at {sim.Now.Seconds} by {interruption.Cause}");
            yield return sim.Timeout(SimTime.FromSeconds(1));
            log.Add($"done at {sim.Now.Seconds}");
        }
        var sleeper = sim.Process(Sleeper());
        sim.Schedule(SimTime.FromSeconds(3), _ => sleeper.Interrupt("alarm"), null);
        sim.Run();
        // The interrupted hold's wake-up at t=10 is stale and ignored.
        Assert.That(log, Is.EqualTo(new[] { "woken at 3 by alarm", "done at 4" }));
        Assert.That(sim.Now, Is.EqualTo(SimTime.FromSeconds(10)));
    }

    [Test]
    public void AnUnhandledInterruptFailsTheProcessAndRunsItsFinallyBlocks()
    {
        var sim = new Simulation();
        var cleanedUp = false;
        IEnumerable<Event> Careless()
        {
            try
            {
                yield return sim.Timeout(SimTime.FromSeconds(10));
                yield return sim.Timeout(SimTime.FromSeconds(1));
            }
            finally
            {
                cleanedUp = true;
            }
        }
        var p = sim.Process(Careless());
        p.AddCallback(e => e.Defuse());
        sim.Schedule(SimTime.FromSeconds(2), _ => p.Interrupt("kill"), null);
        sim.Run();
        Assert.That(p.Ok, Is.False);
        Assert.That(p.Error, Is.TypeOf<InterruptException>().With.Message.Contains("kill"));
        Assert.That(cleanedUp, Is.True);
    }

    [Test]
    public void InterruptingAProcessWaitingForAResourceWithdrawsItsRequest()
    {
        var sim = new Simulation();
        var cpu = new Resource(sim, 1);
        var served = new List<string>();
        IEnumerable<Event> User(string name, double hold)
        {
            using var request = cpu.Request();
            yield return request;
            if (sim.ActiveProcess!.TryHandleInterrupt(out _)) yield break;
            served.Add($"{name}@{sim.Now.Seconds}");
            yield return sim.Timeout(SimTime.FromSeconds(hold));
        }
        sim.Process(User("holder", 5));
        var impatient = sim.Process(User("impatient", 1));
        sim.Process(User("patient", 1));
        sim.Schedule(SimTime.FromSeconds(1), _ => impatient.Interrupt("gave up"), null);
        sim.Run(SimTime.FromSeconds(2));
        Assert.That(cpu.QueueLength, Is.EqualTo(1), "the interrupted request left the queue");
        sim.Run();
        Assert.That(served, Is.EqualTo(new[] { "holder@0", "patient@5" }));
    }

    [Test]
    public void MisuseGivesClearErrors()
    {
        var sim = new Simulation();
        Assert.That(() => sim.Timeout(SimTime.FromNanoseconds(-1)), Throws.TypeOf<ArgumentOutOfRangeException>().With.Message.Contains("must not be negative"));
        Assert.That(() => sim.Schedule(SimTime.FromNanoseconds(-5), _ => { }, null), Throws.TypeOf<ArgumentOutOfRangeException>());
        Assert.That(() => sim.Hold(SimTime.Zero), Throws.InvalidOperationException.With.Message.Contains("inside a running process"));
        IEnumerable<Event> Short() { yield return sim.Timeout(SimTime.FromSeconds(1)); }
        var p = sim.Process(Short(), "short");
        sim.Run();
        Assert.That(() => p.Interrupt(), Throws.InvalidOperationException.With.Message.Contains("process 'short' has already finished"));
        var e = sim.Event();
        e.Succeed();
        Assert.That(() => e.Succeed(), Throws.InvalidOperationException.With.Message.Contains("already been triggered"));
        sim.Run();
        Assert.That(() => e.AddCallback(_ => { }), Throws.InvalidOperationException.With.Message.Contains("already been processed"));
    }

    [Test]
    public void YieldingNullOrAForeignEventFailsTheProcess()
    {
        var sim = new Simulation();
        var other = new Simulation();
        IEnumerable<Event> Null() { yield return null!; }
        IEnumerable<Event> Foreign() { yield return other.Event(); }
        var a = sim.Process(Null());
        var b = sim.Process(Foreign());
        a.AddCallback(e => e.Defuse());
        b.AddCallback(e => e.Defuse());
        sim.Run();
        Assert.That(a.Error!.Message, Does.Contain("yielded null"));
        Assert.That(b.Error!.Message, Does.Contain("another simulation"));
    }
}
