using MathNet.Numerics.Distributions;
using NodeSim.Kernel;
using NodeSim.Validation;

namespace NodeSim.Benchmarks;

/// <summary>
/// The kernel benchmarks: an M/M/4 queue and many concurrent timeout loops, each run three ways —
/// processes, allocation-free callbacks, and a bare <see cref="PriorityQueue{TElement,TPriority}"/>
/// loop of the same model written here as the baseline (no kernel at all).
/// </summary>
public static class KernelBenchmark
{
    /// <param name="Customers">M/M/4 arrivals per run.</param>
    /// <param name="Processes">Concurrent timeout loops.</param>
    /// <param name="TimeoutsPerProcess">Timeouts each loop waits for.</param>
    /// <param name="Operations">Repetitions of each primitive in <see cref="PrimitiveWays"/>.</param>
    public sealed record Sizes(long Customers = 1_000_000, int Processes = 10_000, int TimeoutsPerProcess = 500, long Operations = 2_000_000);

    private const ulong Seed = 42;

    /// <summary>M/M/4 at ρ = 0.9 (λ = 3.6, μ = 1), no warm-up; events = 2 per customer (arrival, departure).</summary>
    public static IReadOnlyList<(string, Func<BenchRun>)> MultiServerQueueWays(Sizes sizes)
    {
        var spec = new MultiServerQueueSpec(3.6, new ServiceTime.Exponential(1.0), 4, sizes.Customers, 0);
        var events = 2 * sizes.Customers;
        return
        [
            ("bare", () => new BenchRun(events, BareMultiServerQueue(spec, Seed))),
            ("callback", () => new BenchRun(events, MultiServerQueue.RunWithCallbacks(spec, Seed).MeanWait)),
            ("process", () => new BenchRun(events, MultiServerQueue.RunWithProcesses(spec, Seed).MeanWait)),
        ];
    }

    /// <summary>Processes × timeouts exponential delays (mean 1 s); events = one per timeout. Checksum: sum of finish times.</summary>
    public static IReadOnlyList<(string, Func<BenchRun>)> TimeoutWays(Sizes sizes)
    {
        var events = (long)sizes.Processes * sizes.TimeoutsPerProcess;
        return
        [
            ("bare", () => new BenchRun(events, BareTimeouts(sizes))),
            ("callback", () => new BenchRun(events, CallbackTimeouts(sizes))),
            ("process", () => new BenchRun(events, ProcessTimeouts(sizes))),
        ];
    }

    /// <summary>
    /// The kernel's primitives, each repeated by one handler or process with nothing else queued, so
    /// a run's time divided by its operations is what one operation costs. The checksum is the
    /// number of queue entries processed, so entries per operation show what each one puts through
    /// the queue. These are the parts a process model's cost is made of (see the README).
    /// </summary>
    public static IReadOnlyList<(string, Func<BenchRun>)> PrimitiveWays(Sizes sizes)
    {
        var n = sizes.Operations;
        return
        [
            ("callback, due now", () => Primitive(n, CallbackLoop(n, SimTime.Zero))),
            ("callback, later", () => Primitive(n, CallbackLoop(n, new SimTime(1)))),
            ("process hold, due now", () => Primitive(n, sim => sim.Process(HoldLoop(sim, n, SimTime.Zero)))),
            ("process hold, later", () => Primitive(n, sim => sim.Process(HoldLoop(sim, n, new SimTime(1))))),
            ("wait for a triggered event", () => Primitive(n, sim => sim.Process(EventLoop(sim, n)))),
            ("start and join a process", () => Primitive(n, sim => sim.Process(SpawnLoop(sim, n)))),
            ("request and release a resource", () => Primitive(n, sim => sim.Process(ResourceLoop(sim, new Resource(sim), n)))),
        ];
    }

    private static BenchRun Primitive(long operations, Action<Simulation> setUp)
    {
        var sim = new Simulation(Seed);
        setUp(sim);
        sim.Run();
        return new BenchRun(operations, sim.ProcessedEntries);
    }

    private static Action<Simulation> CallbackLoop(long n, SimTime delay) => sim =>
    {
        long done = 0;
        Action<long> again = null!;
        again = _ =>
        {
            if (++done < n) sim.Schedule(delay, again);
        };
        sim.Schedule(delay, again);
    };

    private static IEnumerable<Event> HoldLoop(Simulation sim, long n, SimTime delay)
    {
        for (long i = 0; i < n; i++) yield return sim.Hold(delay);
    }

    private static IEnumerable<Event> EventLoop(Simulation sim, long n)
    {
        for (long i = 0; i < n; i++) yield return sim.Event().Succeed();
    }

    private static IEnumerable<Event> SpawnLoop(Simulation sim, long n)
    {
        static IEnumerable<Event> Nothing() { yield break; }
        for (long i = 0; i < n; i++) yield return sim.Process(Nothing());
    }

    private static IEnumerable<Event> ResourceLoop(Simulation sim, Resource resource, long n)
    {
        for (long i = 0; i < n; i++)
            using (var request = resource.Request())
                yield return request;
    }

    /// <summary>
    /// The j-th delay of loop p: an exponential draw (mean 1 s) from a counter-based generator,
    /// so every way draws the same delays whatever order equal-time events are taken in.
    /// </summary>
    private static SimTime Delay(ulong[] keys, int p, int j)
    {
        var bits = keys[p] + (ulong)j * 0x9E3779B97F4A7C15UL;
        bits = (bits ^ (bits >> 30)) * 0xBF58476D1CE4E5B9UL;
        bits = (bits ^ (bits >> 27)) * 0x94D049BB133111EBUL;
        bits ^= bits >> 31;
        var u = ((bits >> 11) + 1) * (1.0 / (1UL << 53)); // (0, 1]
        return SimTime.FromSeconds(-Math.Log(u));
    }

    private static ulong[] Keys(Sizes sizes) =>
        Enumerable.Range(0, sizes.Processes).Select(p => RandomStream.DeriveSeed(Seed, "timeouts", p)).ToArray();

    // ---- M/M/4, bare loop: the same streams, draws and wait accounting as MultiServerQueue.
    // A queue element >= 0 is the arrival of that customer; -1 is a departure.
    private static double BareMultiServerQueue(MultiServerQueueSpec spec, ulong seed)
    {
        var arrivals = new RandomStream(RandomStream.DeriveSeed(seed, "arrivals"));
        var service = new RandomStream(RandomStream.DeriveSeed(seed, "service"));
        var queue = new PriorityQueue<long, long>();
        var waiting = new Queue<(long Index, long Arrival)>();
        var waits = new WaitAccumulator(spec.WarmupCustomers);
        var busy = 0;
        queue.Enqueue(0, SimTime.FromSeconds(Exponential.Sample(arrivals, spec.ArrivalRate)).Nanoseconds);
        while (queue.TryDequeue(out var customer, out var now))
        {
            if (customer >= 0)
            {
                if (customer + 1 < spec.Customers)
                    queue.Enqueue(customer + 1, now + SimTime.FromSeconds(Exponential.Sample(arrivals, spec.ArrivalRate)).Nanoseconds);
                if (busy < spec.Servers)
                {
                    busy++;
                    waits.Add(customer, 0);
                    queue.Enqueue(-1, now + spec.Service.Sample(service).Nanoseconds);
                }
                else waiting.Enqueue((customer, now));
            }
            else if (waiting.TryDequeue(out var next))
            {
                waits.Add(next.Index, now - next.Arrival);
                queue.Enqueue(-1, now + spec.Service.Sample(service).Nanoseconds);
            }
            else busy--;
        }
        return waits.Mean;
    }

    // ---- Timeout loops.
    private static double BareTimeouts(Sizes sizes)
    {
        var keys = Keys(sizes);
        var queue = new PriorityQueue<int, long>(sizes.Processes);
        var done = new int[sizes.Processes];
        double finishSum = 0;
        for (var p = 0; p < sizes.Processes; p++) queue.Enqueue(p, Delay(keys, p, 0).Nanoseconds);
        while (queue.TryDequeue(out var p, out var now))
        {
            if (++done[p] < sizes.TimeoutsPerProcess) queue.Enqueue(p, now + Delay(keys, p, done[p]).Nanoseconds);
            else finishSum += now / 1e9;
        }
        return finishSum;
    }

    private static double CallbackTimeouts(Sizes sizes)
    {
        var keys = Keys(sizes);
        var sim = new Simulation(Seed);
        var done = new int[sizes.Processes];
        double finishSum = 0;
        Action<long> wake = null!;
        wake = arg =>
        {
            var p = (int)arg;
            if (++done[p] < sizes.TimeoutsPerProcess) sim.Schedule(Delay(keys, p, done[p]), wake, p);
            else finishSum += sim.Now.Seconds;
        };
        for (var p = 0; p < sizes.Processes; p++) sim.Schedule(Delay(keys, p, 0), wake, p);
        sim.Run();
        return finishSum;
    }

    private static double ProcessTimeouts(Sizes sizes)
    {
        var keys = Keys(sizes);
        var sim = new Simulation(Seed);
        double finishSum = 0;

        IEnumerable<Event> Loop(int p)
        {
            for (var j = 0; j < sizes.TimeoutsPerProcess; j++) yield return sim.Hold(Delay(keys, p, j));
            finishSum += sim.Now.Seconds;
        }

        for (var p = 0; p < sizes.Processes; p++) sim.Process(Loop(p));
        sim.Run();
        return finishSum;
    }
}
