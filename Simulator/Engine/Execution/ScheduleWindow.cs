namespace NodeSim.Engine.Execution;

/// <summary>
/// A window of a job at the level of messages: R ranks, one per core, each computing, then taking part in
/// the rounds of its <see cref="CommunicationSchedule"/> — LogGP messages whose overheads are time on the
/// core — while every core's detours (<see cref="CoreTimelines"/>) happen at their wall-clock times. Any
/// pattern runs here: halo exchanges, trees, rings, node-aware collectives.
/// </summary>
/// <remarks>
/// <para>A rank's time moves only forward. Compute and a message's overhead o progress only while the core
/// is free, so a detour lengthens the interval it lands in; with o = 0 a rank in a detour can neither send
/// nor receive, and a detour that starts and ends while it waits is absorbed (LogGOPSim's semantics). A
/// send takes o on the sender's core; the message leaves when the NIC is free (g + G·bytes after the
/// rank's last one) and arrives L + G·bytes later (through shared memory within a node); the receiver
/// takes it in, in arrival order, when it is there and the rank has done what came before, then spends o.</para>
/// <para>Each rank carries what its delay is made of (<see cref="MakeupPool"/>): a rank released by a
/// message takes the sender's; a detour blends its own in. The work is dense — every rank, every round —
/// so it grows with ranks × rounds; the recursive-doubling and barrier cases the label front handles
/// sparsely stay in <see cref="BulkSynchronousWindow"/>.</para>
/// </remarks>
internal sealed class ScheduleWindow : IJobWindow
{
    private readonly CommunicationSchedule _schedule;
    private readonly MessageCosts _costs;
    private readonly int _ranks, _coresPerNode;
    private readonly long _computeNs, _windowNs;
    private readonly int _minIterations, _maxIterations;
    private readonly bool _relays;
    private readonly long[] _time;        // by rank: when its core is next free for the job
    private readonly long[] _refs;        // by rank: its make-up record; then by message of the round: the sender's at its send
    private readonly long[] _delay;       // by rank: the delay its make-up record weighs
    private readonly long[] _nicFree;     // by rank: when its NIC may start the next message
    private long[] _arrival = [];         // by message of the round
    private long[] _messageDelay = [];
    private readonly MakeupPool _makeups;
    private readonly float[] _added = new float[NoiseCauses.Count];
    private readonly Dictionary<RoundPattern, (int[] Sends, int[] Receives, int Between)> _nodeLoads = [];
    private readonly int[] _order = new int[64];
    private readonly Dictionary<long, RoundCosts> _roundCosts = [];
    private readonly long[] _runStart;   // the cores' next runs (CoreTimelines.RunStart), read on every message

    public CoreTimelines Cores { get; }
    public int Iterations { get; private set; }
    public long EndNs { get; private set; }
    public long NominalEndNs { get; private set; }
    public double[] OwnLossNs { get; } = new double[NoiseCauses.Count];
    public long MessagesBetweenNodes { get; private set; }
    public long CriticalLatenessNs => Math.Max(0, EndNs - NominalEndNs);

    /// <param name="relays">Whether each node's first core, which runs a rank, also relays the node's other ranks' messages between nodes.</param>
    public ScheduleWindow(CommunicationSchedule schedule, MessageCosts costs, int ranks, int coresPerNode, long computeNs, long windowNs,
        int minIterations, int maxIterations, IReadOnlyList<DetourSource> sources, ulong seed, bool relays, Action<int, long, long>? recordDetour = null)
    {
        _schedule = schedule;
        _costs = costs;
        _ranks = ranks;
        _coresPerNode = Math.Max(1, coresPerNode);
        _computeNs = computeNs;
        _windowNs = windowNs;
        _minIterations = minIterations;
        _maxIterations = maxIterations;
        _relays = relays && coresPerNode > 1;
        Cores = new CoreTimelines(sources, ranks, seed, coresPerNode, recordDetour);
        _runStart = Cores.RunStart;
        _time = new long[ranks];
        _delay = new long[ranks];
        _nicFree = new long[ranks];
        var most = schedule.EveryIteration.Concat(schedule.Collective).Select(r => r.Pattern.Messages).DefaultIfEmpty(0).Max();
        _refs = new long[ranks + most];
        _arrival = new long[most];
        _messageDelay = new long[most];
        _makeups = new MakeupPool(ranks + most);
    }

    /// <summary>Iterations per period: the collective's spacing.</summary>
    private int Period => _schedule.CollectiveEvery;

    public void Run(Action<double>? progress = null)
    {
        // Whole periods, so that the noise-free schedule's end is a whole number of steady periods.
        var minimum = Math.Max(1, (_minIterations + Period - 1) / Period) * Period;
        var maximum = Math.Max(minimum, _maxIterations / Period * Period);
        long latest = 0;
        while (Iterations < minimum || (Iterations < maximum && latest < _windowNs))
        {
            if (progress is not null)
                progress(Math.Clamp(Math.Min((double)Iterations / minimum, Math.Max((double)latest / _windowNs, (double)Iterations / maximum)), 0, 1));
            for (var i = 0; i < Period; i++) RunIteration(collective: i == Period - 1);
            latest = 0;
            foreach (var t in _time) latest = Math.Max(latest, t);
        }
        EndNs = latest;
        Cores.UncountFrom(EndNs);
    }

    /// <summary>One iteration: every rank's compute, the rounds after each iteration, then, if <paramref name="collective"/>, the collective's.</summary>
    public void RunIteration(bool collective)
    {
        Iterations++;
        for (var r = 0; r < _ranks; r++) _time[r] = Cpu(r, _time[r], _computeNs);
        foreach (var round in _schedule.EveryIteration) RunRound(round);
        if (collective)
            foreach (var round in _schedule.Collective) RunRound(round);
    }

    /// <summary>When <paramref name="rank"/>'s core is next free for the job.</summary>
    public long TimeOf(int rank) => _time[rank];

    /// <summary>Sets the noise-free schedule's end for the iterations run (see <see cref="NoiseFreeEnd"/>).</summary>
    public void SetNominal(long nominalEndNs) => NominalEndNs = nominalEndNs;

    public ReadOnlySpan<float> CriticalMakeup()
    {
        var latest = 0;
        for (var r = 1; r < _ranks; r++)
            if (_time[r] > _time[latest]) latest = r;
        return _makeups[_refs[latest]];
    }

    /// <summary>
    /// When <paramref name="iterations"/> iterations (whole periods) end without noise: the schedule run period by period until
    /// its state — every rank's time and NIC relative to rank 0's — repeats, after which each period adds the same time (the
    /// schedule is deterministic), so the rest is that much per period; else to the end.
    /// </summary>
    public static long NoiseFreeEnd(CommunicationSchedule schedule, MessageCosts costs, int ranks, int coresPerNode, long computeNs, int iterations)
    {
        var periods = iterations / schedule.CollectiveEvery;
        var w = new ScheduleWindow(schedule, costs, ranks, coresPerNode, computeNs, 0, 0, 0, [], 0, relays: false);
        var state = new long[2 * ranks];
        var previous = new long[2 * ranks];
        long end = 0, before = 0;
        for (var p = 1; p <= periods; p++)
        {
            w.RunPeriod();
            end = w._time.Max();
            var origin = w._time[0];
            for (var r = 0; r < ranks; r++)
            {
                state[r] = w._time[r] - origin;
                state[ranks + r] = Math.Max(w._nicFree[r], w._time[r]) - origin;   // a NIC free before its rank is as good as free
            }
            if (p > 1 && state.AsSpan().SequenceEqual(previous)) return end + (periods - p) * (end - before);
            (state, previous) = (previous, state);
            before = end;
        }
        return end;
    }

    private void RunPeriod()
    {
        for (var i = 0; i < Period; i++) RunIteration(collective: i == Period - 1);
    }


    private void RunRound(Round round)
    {
        var p = round.Pattern;
        var bytes = round.Bytes;
        if (!_roundCosts.TryGetValue(bytes, out var costs)) _roundCosts[bytes] = costs = _costs.For(bytes);
        var between = p.Crosses(_coresPerNode);
        var sources = p.Source;
        // Sends, in each sender's order: o on its core, then the NIC's turn.
        for (var m = 0; m < sources.Length; m++)
        {
            var from = sources[m];
            int crosses = between[m];
            var sent = Cpu(from, _time[from], costs.Send[crosses]);
            _time[from] = sent;
            var departure = sent;
            if (crosses == 1)
            {
                departure = Math.Max(sent, _nicFree[from]);
                _nicFree[from] = departure + costs.GapBetween;
                MessagesBetweenNodes++;
            }
            _arrival[m] = departure + costs.Wire[crosses];
            _refs[_ranks + m] = _refs[from];
            _messageDelay[m] = _delay[from];
        }
        // Receives, each rank's in arrival order: it waits for the message, then spends o.
        foreach (var to in p.Receivers)
        {
            int first = p.TargetStart[to], count = p.TargetStart[to + 1] - first;
            if (count == 1)
            {
                var only = p.ByTarget[first];
                Receive(to, only, costs.Receive[between[only]]);
            }
            else
            {
                var order = count <= _order.Length ? _order.AsSpan(0, count) : new int[count];
                p.ByTarget.AsSpan(first, count).CopyTo(order);
                for (var i = 1; i < count; i++)   // insertion sort by arrival, stable: a few messages
                {
                    var m = order[i];
                    var j = i - 1;
                    while (j >= 0 && _arrival[order[j]] > _arrival[m]) order[j + 1] = order[j--];
                    order[j + 1] = m;
                }
                foreach (var m in order) Receive(to, m, costs.Receive[between[m]]);
            }
        }
        if (_relays) Relay(p, bytes);
    }

    private void Receive(int to, int m, long overheadNs)
    {
        var arrival = _arrival[m];
        if (arrival > _time[to])
        {
            _time[to] = arrival;
            _refs[to] = _refs[_ranks + m];
            _delay[to] = _messageDelay[m];
        }
        _time[to] = Cpu(to, _time[to], overheadNs);
    }

    /// <summary>Each node's I/O core (its first, running a rank) relays the node's other ranks' messages of the round: its rank is held that long.</summary>
    private void Relay(RoundPattern p, long bytes)
    {
        long perSend = _costs.RelaySendNs(bytes), perReceive = _costs.RelayReceiveNs(bytes);
        if (perSend == 0 && perReceive == 0) return;
        var makeup = _costs.RelayMakeupPerNs(bytes);
        if (!_nodeLoads.TryGetValue(p, out var load))
        {
            var nodes = (_ranks + _coresPerNode - 1) / _coresPerNode;
            var sends = new int[nodes];
            var receives = new int[nodes];
            var between = 0;
            var crosses = p.Crosses(_coresPerNode);
            for (var m = 0; m < p.Messages; m++)
            {
                int from = p.Source[m], to = p.Target[m];
                if (crosses[m] == 0) continue;
                between++;
                if (from % _coresPerNode != 0) sends[from / _coresPerNode]++;
                if (to % _coresPerNode != 0) receives[to / _coresPerNode]++;
            }
            _nodeLoads[p] = load = (sends, receives, between);
        }
        if (load.Between == 0) return;
        for (var node = 0; node < load.Sends.Length; node++)
        {
            var ns = load.Sends[node] * perSend + load.Receives[node] * perReceive;
            if (ns == 0) continue;
            var core = node * _coresPerNode;
            var start = _time[core];
            Array.Clear(_added);
            var end = Cores.Work(core, start, ns, _added, OwnLossNs);
            for (var c = 0; c < _added.Length; c++)
            {
                var relay = makeup[c] * ns;
                _added[c] += relay;
                OwnLossNs[c] += relay;
            }
            Delay(core, end - start);
            _time[core] = end;
        }
    }

    /// <summary>When <paramref name="ns"/> of CPU work started at <paramref name="start"/> on <paramref name="rank"/>'s core ends; a detour in its way is blended into the rank's make-up.</summary>
    private long Cpu(int rank, long start, long ns)
    {
        if (_runStart[rank] > start + ns) return start + ns;
        Array.Clear(_added);
        var end = Cores.Work(rank, start, ns, _added, OwnLossNs);
        Delay(rank, end - start - ns);
        return end;
    }

    private void Delay(int rank, long ns)
    {
        if (ns <= 0) return;
        var before = _delay[rank];
        _refs[rank] = _makeups.Blend(_refs[rank], before, before + ns, _added, _refs);
        _delay[rank] = before + ns;
    }
}
