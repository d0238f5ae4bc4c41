using NodeSim.Engine.Execution;
using NodeSim.Models.Isolation;
using NodeSim.Models.Network;
using NodeSim.Models.Soc;
using NodeSim.Models.Workloads;
using NodeSim.Models.Costs;

namespace NodeSim.Engine.Edge;

/// <summary>A served stream as a campaign run reports it: the result and the offered load it was served at.</summary>
public sealed record EdgeRun(EdgeResult Result, double OfferedLoad);

/// <summary>One request to serve: when it reaches the node's NIC and the work it takes on one core (seconds).</summary>
public readonly record struct ServedRequest(double ArrivalSeconds, double ServiceSeconds);

/// <summary>
/// A request stream served by one partition (or process) of a node under a stack.
/// </summary>
/// <param name="Cores">The partition's cores (vCPUs); those the stack does not keep for housekeeping serve requests, one request each at
/// a time, first come first served.</param>
/// <param name="QueueLimit">Requests that may wait; one that arrives to a full queue is dropped (null: unbounded).</param>
/// <param name="RequestBytes">The request's and the reply's size on the wire (for the relay's copy).</param>
/// <param name="CoresPerRequest">Cores one request occupies at once (multi-threaded inference): it starts when that many are free,
/// its work runs on each of them, and it ends when the slowest of them is through its noise.</param>
public sealed record EdgeExperiment(IsolationStack Stack, SocPreset Soc, IReadOnlyList<ServedRequest> Requests, int Cores, int? QueueLimit = null,
    ulong Seed = 1, int RequestBytes = 1024, int CoresPerRequest = 1)
{
    /// <summary>The cores that serve requests: the partition's, less the stack's housekeeping cores.</summary>
    public int ServingCores => Cores - Stack.HousekeepingCores;
}

/// <summary>What serving a request stream cost under one stack.</summary>
/// <param name="LatenciesSeconds">Each served request's latency (NIC to reply on the wire), ascending.</param>
/// <param name="WaitsSeconds">Each served request's wait for a core, ascending.</param>
/// <param name="LedgerSeconds">Mean per served request, by part: queueing, service, and each cause of the path and of noise.</param>
/// <param name="P99LedgerSeconds">The ledger of the request whose latency is the p99 (nearest rank): where the tail's time goes.</param>
/// <param name="NominalLoad">Arrival rate × mean service / cores: the service alone.</param>
/// <param name="EffectiveLoad">The service and the path's work on the serving cores, over what their noise leaves of them (the queue's ρ).</param>
/// <param name="InterruptCoreLoad">The load of the core the NIC's interrupt lands on from every request's receive path, with its noise when it
/// also serves: a housekeeping core's whole load; on a serving core, the share it cannot serve with.</param>
/// <param name="PeakMinuteLoad">The busiest minute's service over a minute of the serving cores (<see cref="Burstiness"/>).</param>
/// <param name="Unstable">The effective load or the interrupt core's is at or above 1 (the latter alone when the queue is bounded), the served rate fell
/// short of the offered rate beyond its sampling error, or the busiest minute brings more work than the serving cores do: the queue has
/// no stationary state, and its latency quantiles grow with the run's length or measure a burst's backlog.</param>
public sealed record EdgeResult(string Stack, double[] LatenciesSeconds, double[] WaitsSeconds, int Dropped, double ThroughputPerSecond,
    IReadOnlyDictionary<string, double> LedgerSeconds, IReadOnlyDictionary<string, double> P99LedgerSeconds, double NominalLoad = 0, double EffectiveLoad = 0,
    bool Unstable = false, double PeakMinuteLoad = 0, double InterruptCoreLoad = 0)
{
    /// <summary>The latency at quantile <paramref name="q"/> (nearest rank).</summary>
    public double Quantile(double q) => QuantileOf(LatenciesSeconds, q);

    /// <summary>The wait at quantile <paramref name="q"/> (nearest rank).</summary>
    public double WaitQuantile(double q) => QuantileOf(WaitsSeconds, q);

    private static double QuantileOf(double[] sorted, double q) => sorted.Length == 0 ? double.NaN
        : sorted[Math.Clamp((int)Math.Ceiling(q * sorted.Length) - 1, 0, sorted.Length - 1)];

    public double MeanSeconds => LatenciesSeconds.Length == 0 ? double.NaN : LatenciesSeconds.Average();
    public double MaxSeconds => LatenciesSeconds.Length == 0 ? double.NaN : LatenciesSeconds[^1];
}

/// <summary>
/// Serves a request stream on one node, at the level of events. Each arrival is a NIC interrupt the
/// stack handles on the message path of an interrupt-driven network (<see cref="IsolationStack.MessagePath"/>):
/// natively the kernel's handler and stack; under Hafnium the primary's handler, stack and relay on
/// the node's first core, the injection into the vCPU and the guest's handler. The request then waits
/// for the first free core (c servers, FCFS), is served there — its work progressing only while the
/// core is free of the kernel's noise (<see cref="CoreTimelines"/>: ticks, daemons, the primary's
/// threads and its relaying of other requests) — and its reply goes back the way it came.
/// </summary>
/// <remarks>
/// The interrupt core takes the receive paths one after another, ahead of any request it serves (an
/// interrupt preempts a task): a request is ready when its own path is through, after those of the
/// requests before it (Lindley's recursion on that core; its ticks and daemons are left out of it). With
/// identical servers, FCFS start times never decrease, so a request's start is max(ready, the earliest
/// time a core is free) (Kiefer and Wolfowitz's recursion); the queue at an arrival is the requests
/// assigned that have not started.
/// </remarks>
public static class EdgeServing
{
    /// <summary>Noise on the serving cores comes from a job that raises no interrupts of its own: requests are modelled one by one.</summary>
    private static readonly JobProfile Background = JobProfiles.Compute;

    /// <summary>The ledger's parts besides the causes: time waiting for a core, and the request's own work.</summary>
    public const string Queueing = "queueing", Service = "service";

    /// <param name="progress">Hears the share of the requests served so far, now and then (a long stream's progress display).</param>
    public static EdgeResult Run(EdgeExperiment e, Action<double>? progress = null)
    {
        // The partition's cores less those the stack keeps for housekeeping: the same cores under every stack, a tuned stack's
        // housekeeping core among them (it takes the interrupts, and serves no request).
        var serving = e.ServingCores;
        if (serving < 1) throw new ArgumentOutOfRangeException(nameof(e), e.Cores, $"{e.Stack.Name} keeps {e.Stack.HousekeepingCores} of the {e.Cores} cores for housekeeping: none serves");
        if (e.CoresPerRequest < 1 || e.CoresPerRequest > serving)
            throw new ArgumentOutOfRangeException(nameof(e), e.CoresPerRequest, $"a request occupies 1 to {serving} cores");
        var network = Interconnects.GigeTcp;
        var path = e.Stack.MessagePath(network, e.RequestBytes, e.Soc);
        var sources = e.Stack.NoiseSources(Background, e.Soc).ToList();
        var detours = sources.Select(DetourSource.From).ToList();
        // Every cycle of a request's path is work on a core (see MessagePath), under every stack alike: its interrupt core's part
        // at its arrival on the core the NIC's interrupt is routed to — the node's first core, a serving core, unless the stack
        // keeps a housekeeping core for it (then no serving core does it) — and its target and send parts on the core serving it.
        // A driver VM's relay of the reply (SendRelay) is I/O-core work too: it is booked with the request's arrival, so the I/O
        // core's load and the request's latency are right, though the reply's part runs after the service.
        var io = path.IoCores;
        var interruptsOnServingCore = e.Stack.HousekeepingCores == 0 && io.Total > 0;
        if (interruptsOnServingCore)
        {
            var times = e.Requests.Select(r => Nanoseconds(r.ArrivalSeconds)).ToArray();
            Array.Sort(times);
            detours.Add(DetourSource.Scheduled("request interrupts", io, times));
        }
        var cores = new CoreTimelines(detours, serving, e.Seed, coresPerNode: serving);

        var inNs = Nanoseconds(io.Total);                              // before the request reaches the queue
        var onCoreNs = Nanoseconds(path.TargetCore.Total + path.Send.Total);   // on the serving core, beside its work
        var free = new long[serving];
        var started = new Queue<long>();   // start times of the requests assigned, non-decreasing
        var latencies = new List<double>(e.Requests.Count);
        // Per served request, what varies in its ledger: its wait, its work and its noise by cause (the path is the same for all).
        var parts = new List<float>(e.Requests.Count * (NoiseCauses.Count + 2));
        var waits = new List<double>(e.Requests.Count);
        var added = new float[NoiseCauses.Count];
        var share = new float[NoiseCauses.Count];
        var shareCharged = new double[NoiseCauses.Count];
        var slowest = new double[NoiseCauses.Count];
        var noise = new double[NoiseCauses.Count];
        var order = new int[serving];
        double queueing = 0, service = 0;
        var dropped = 0;
        var ends = new List<long>(e.Requests.Count);
        long lastEnd = 0;
        var seen = 0;
        long receiving = long.MinValue;   // when the interrupt core is through the receive paths so far
        foreach (var request in e.Requests)
        {
            if (progress is not null && seen++ % 1024 == 0) progress((double)seen / e.Requests.Count);
            if (!(request.ServiceSeconds >= 0) || !double.IsFinite(request.ArrivalSeconds))
                throw new ArgumentException($"a request needs a finite arrival and a non-negative service time (got {request.ArrivalSeconds}, {request.ServiceSeconds})");
            var arrival = Nanoseconds(request.ArrivalSeconds);
            var ready = receiving = Math.Max(arrival, receiving) + inNs;
            while (started.Count > 0 && started.Peek() <= ready) started.Dequeue();
            // The cores it takes: the earliest free (ties: the lowest), as many as a request occupies.
            if (e.CoresPerRequest == 1)
            {
                order[0] = 0;
                for (var i = 1; i < free.Length; i++)
                    if (free[i] < free[order[0]]) order[0] = i;
            }
            else
            {
                for (var i = 0; i < order.Length; i++) order[i] = i;
                Array.Sort(order, (a, b) => free[a] != free[b] ? free[a].CompareTo(free[b]) : a.CompareTo(b));
            }
            var available = free[order[e.CoresPerRequest - 1]];
            if (e.QueueLimit is { } limit && started.Count >= limit && available > ready)
            {
                dropped++;
                continue;
            }
            var start = Math.Max(ready, available);
            var work = Nanoseconds(request.ServiceSeconds);
            Array.Clear(added);
            var end = start;
            for (var j = 0; j < e.CoresPerRequest; j++)
            {
                // Each core's share of the noise counts once for the request: the slowest core's. The first of its cores also
                // takes the request in (the target part) and sends its reply (the send part).
                Array.Clear(share);
                Array.Clear(shareCharged);
                var coreEnd = cores.Work(order[j], start, work + (j == 0 ? onCoreNs : 0), share, shareCharged);
                if (coreEnd <= end && j > 0) continue;
                end = coreEnd;
                share.CopyTo(added, 0);
                Array.Copy(shareCharged, slowest, slowest.Length);
            }
            for (var c = 0; c < noise.Length; c++) noise[c] += slowest[c];
            for (var j = 0; j < e.CoresPerRequest; j++) free[order[j]] = end;
            if (start > ready) started.Enqueue(start);
            // Its wait: for the interrupt core to reach its path, then for a core.
            var wait = start - (arrival + inNs);
            queueing += wait;
            waits.Add(wait / 1e9);
            service += work;
            latencies.Add((end - arrival) / 1e9);
            ends.Add(end);
            parts.Add(wait / 1e9f);
            parts.Add(work / 1e9f);
            foreach (var x in slowest) parts.Add((float)(x / 1e9));
            lastEnd = Math.Max(lastEnd, end);
        }

        var served = latencies.Count;
        var ledger = new Dictionary<string, double> { [Queueing] = queueing / 1e9 / Math.Max(1, served), [Service] = service / 1e9 / Math.Max(1, served) };
        foreach (var cause in NoiseCauses.All)
            ledger[OverheadCauses.Key(cause)] = path.Total[cause] + noise[NoiseCauses.Slot(cause)] / 1e9 / Math.Max(1, served);
        var sorted = latencies.ToArray();
        Array.Sort(sorted);
        var sortedWaits = waits.ToArray();
        Array.Sort(sortedWaits);
        var first = e.Requests.Count > 0 ? e.Requests[0].ArrivalSeconds : 0;
        var throughput = served > 0 && lastEnd / 1e9 > first ? served / (lastEnd / 1e9 - first) : 0;
        // The request at the p99: the nearest rank among the served, found without sorting the parts.
        var p99Ledger = new Dictionary<string, double>();
        if (served > 0)
        {
            var target = sorted[Math.Clamp((int)Math.Ceiling(0.99 * served) - 1, 0, served - 1)];
            var at = latencies.IndexOf(target);
            var stride = NoiseCauses.Count + 2;
            p99Ledger[Queueing] = parts[at * stride];
            p99Ledger[Service] = parts[at * stride + 1];
            foreach (var cause in NoiseCauses.All)
                p99Ledger[OverheadCauses.Key(cause)] = path.Total[cause] + parts[at * stride + 2 + NoiseCauses.Slot(cause)];
        }
        var load = Load(e, path, sources, interruptsOnServingCore);
        // The backlog at the last arrival: requests that arrived, were not dropped, and are not served by then. A stable queue
        // holds a few; a queue at or above capacity holds a share of all that grows with the run. Beyond the offered count's own
        // sampling error (3 √n), the served rate fell short of the offered one. A bounded queue is stationary whatever its load
        // (it drops what it cannot hold), but the interrupt core takes every request's path before the queue decides.
        var lastArrival = e.Requests.Count > 0 ? Nanoseconds(e.Requests[^1].ArrivalSeconds) : 0;
        var shortfall = e.Requests.Count - dropped - ends.Count(t => t <= lastArrival);
        var bursts = Burstiness.Of(e.Requests, serving);
        var unstable = (e.QueueLimit is null ? Math.Max(load.Effective, load.Interrupt) : load.Interrupt) >= 1
                       || shortfall > 3 * Math.Sqrt(e.Requests.Count) || (e.QueueLimit is null && bursts.Overloads);
        return new EdgeResult(e.Stack.Name, sorted, sortedWaits, dropped, throughput, ledger, p99Ledger, load.Nominal, load.Effective, unstable,
            bursts.PeakMinuteLoad, load.Interrupt);
    }

    /// <summary>
    /// The stream's load: nominal, its service alone over the partition's cores; effective, its service and the path's work on the
    /// serving cores over what their noise leaves of them (ticks, daemons, the interrupt core's part of every request); and the
    /// interrupt core's own, every request's receive path (and, on a serving core, that core's noise). At or above 1 on any
    /// core, the queue has no stationary state, whatever a finite run reports.
    /// </summary>
    private static (double Nominal, double Effective, double Interrupt) Load(EdgeExperiment e, MessagePath path, IReadOnlyList<NoiseSource> sources,
        bool interruptsOnServingCore)
    {
        if (e.Requests.Count < 2) return (0, 0, 0);
        var rate = (e.Requests.Count - 1) / (e.Requests[^1].ArrivalSeconds - e.Requests[0].ArrivalSeconds);
        var service = e.Requests.Average(r => r.ServiceSeconds);
        static double Share(NoiseSource s) => s switch
        {
            NoiseSource.Periodic p => p.RateHz * p.Cost.Total,
            NoiseSource.Poisson q => q.RatePerSecond * q.MeanSeconds,
            NoiseSource.Measured m => m.Noise.Fraction + m.Noise.RatePerSecond * m.Cost.Total,
            _ => throw new ArgumentException($"unknown kind of noise source: {s.GetType().Name}"),
        };
        double capacity = 0;
        var receive = rate * path.IoCores.Total;
        var interrupt = receive;
        for (var core = 0; core < e.ServingCores; core++)
        {
            var busy = sources.Where(s => core == 0 || !s.FirstCoreOfNode).Sum(Share) + (core == 0 && interruptsOnServingCore ? receive : 0);
            if (core == 0 && interruptsOnServingCore) interrupt = busy;
            capacity += Math.Max(0, 1 - busy);
        }
        var work = rate * (service * e.CoresPerRequest + path.TargetCore.Total + path.Send.Total);
        return (rate * service * e.CoresPerRequest / e.Cores, capacity > 0 ? work / capacity : double.PositiveInfinity, interrupt);
    }

    private static long Nanoseconds(double seconds) => (long)Math.Round(seconds * 1e9);
}
