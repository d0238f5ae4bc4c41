namespace NodeSim.Engine.Execution;

/// <summary>
/// A window of a bulk-synchronous job at the level of events: R ranks, one per core, each computing
/// <see cref="ComputeNs"/> per iteration and then taking part in a collective of ⌈log₂ R⌉ stages
/// (recursive doubling on a power of two, or the dissemination pattern), while every core's detours
/// (<see cref="CoreTimelines"/>) happen at their wall-clock times. A stage is a LogGP exchange: each
/// rank's send overhead on its core, the message's latency, the receive overhead on its core.
/// </summary>
/// <remarks>
/// <para>Compute progresses only while the core is free, so a detour lengthens the interval it lands
/// in. In the collective a rank in a detour can neither send nor receive; a detour that starts and
/// ends while a rank only waits is absorbed (<see cref="CollectiveFront"/>). Only cores with a run
/// of detours starting before the window's current horizon are looked at (<see cref="RunCalendar"/>):
/// a rank with nothing happening costs nothing, and the work grows with the detours, not with
/// ranks × iterations.</para>
/// </remarks>
internal sealed class BulkSynchronousWindow : IJobWindow
{
    private readonly CoreTimelines _cores;
    private readonly CollectiveFront _front;
    private readonly RunCalendar _calendar;
    private readonly List<int> _active = [];
    private readonly float[] _added = new float[NoiseCauses.Count];
    private long[] _lateness = new long[1024];   // scratch: the lateness of the cores a stage looks at
    private readonly long _windowNs;
    private readonly int _minIterations, _maxIterations;

    /// <summary>Each rank's compute per iteration (the profile's, inflated by translation).</summary>
    public long ComputeNs { get; }

    /// <summary>Each stage's message latency (stages between nodes can take longer than those within one).</summary>
    public IReadOnlyList<long> StageNs { get; }

    /// <summary>Each stage's CPU time on every rank's core before its message leaves (o) and after it arrives (o): 0 for none.</summary>
    private readonly long[] _sendNs, _receiveNs;
    private readonly int[] _crossing;

    /// <summary>Per stage: how long the first core of each node is held relaying its node's messages (0: not at all), and what that is made of.</summary>
    private readonly long[] _relayNs;
    private readonly float[] _relayMakeup;
    private readonly int _coresPerNode;

    /// <summary>Iterations simulated: at least the minimum, then until the window's simulated time has passed, at most the maximum.</summary>
    public int Iterations { get; private set; }

    /// <summary>Per noise cause slot: what the ranks' own timelines lost to detours, all ranks together (ns).</summary>
    public double[] OwnLossNs { get; } = new double[NoiseCauses.Count];

    /// <summary>The noise-free schedule's time at the window's end: iterations × (compute + every stage's overheads and latency).</summary>
    public long NominalEndNs { get; private set; }

    /// <summary>When the last rank leaves the last collective.</summary>
    public long EndNs => NominalEndNs + _front.Max;

    public long CriticalLatenessNs => _front.Max;

    public ReadOnlySpan<float> CriticalMakeup() => _front.LatestMakeup();

    public long MessagesBetweenNodes => (long)Iterations * _crossing.Sum();

    public CollectiveFront Front => _front;
    public CoreTimelines Cores => _cores;

    /// <param name="recursiveDoubling">Recursive doubling (an allreduce on a power-of-two rank count); otherwise the dissemination pattern.</param>
    /// <param name="denseAbove">See <see cref="CollectiveFront"/>: tests set it to 0 or ∞ to show both ways agree.</param>
    /// <param name="windowNs">Simulated time (on this stack) to run iterations for, between <paramref name="minIterations"/> and <paramref name="maxIterations"/>.</param>
    /// <param name="relay">Per stage, the first core of each node is held this long relaying the node's other messages (null: never), made of <paramref name="relayMakeup"/> (ns by cause slot).</param>
    /// <param name="sendNs">Per stage, each rank's CPU time before its message leaves (null: none).</param>
    /// <param name="receiveNs">Per stage, each rank's CPU time once the partner's message is in (null: none).</param>
    /// <param name="crossing">Per stage, how many of its messages cross nodes (null: none).</param>
    public BulkSynchronousWindow(int ranks, long computeNs, IReadOnlyList<long> stageNs, bool recursiveDoubling, long windowNs, int minIterations, int maxIterations,
        IReadOnlyList<DetourSource> sources, ulong seed, double denseAbove = 0.25, int coresPerNode = 1, long[]? relay = null, float[]? relayMakeup = null,
        Action<int, long, long>? recordDetour = null, long[]? sendNs = null, long[]? receiveNs = null, int[]? crossing = null)
    {
        _windowNs = windowNs;
        _minIterations = minIterations;
        _maxIterations = maxIterations;
        ComputeNs = computeNs;
        _cores = new CoreTimelines(sources, ranks, seed, coresPerNode, recordDetour);
        _front = new CollectiveFront(ranks, recursiveDoubling, denseAbove);
        if (stageNs.Count != _front.Stages) throw new ArgumentException($"{_front.Stages} stage latencies expected, got {stageNs.Count}", nameof(stageNs));
        StageNs = stageNs;
        _coresPerNode = coresPerNode;
        _relayNs = relay ?? new long[_front.Stages];
        _relayMakeup = relayMakeup ?? new float[NoiseCauses.Count];
        _sendNs = sendNs ?? new long[_front.Stages];
        _receiveNs = receiveNs ?? new long[_front.Stages];
        _crossing = crossing ?? new int[_front.Stages];
        // Buckets of a stage or so, at most an eighth of an iteration: a look takes a bucket or two.
        var stage = _front.Stages == 0 ? 0 : (long)stageNs.Select((a, s) => a + _sendNs[s] + _receiveNs[s]).Average();
        var period = computeNs + stageNs.Sum() + _sendNs.Sum() + _receiveNs.Sum();
        _calendar = new RunCalendar(ranks, Math.Max(1, Math.Min(period / 8, Math.Max(stage, period / 64))));
        for (var core = 0; core < ranks; core++)
            if (_cores.RunStart[core] != long.MaxValue) _calendar.Add(core, _cores.RunStart[core]);
    }

    /// <summary>Iterations between progress reports: often enough for a bar, rarely enough to cost nothing.</summary>
    private const int ProgressEvery = 4;

    /// <summary>Runs every iteration; then <see cref="EndNs"/> is the window's length on this stack.</summary>
    /// <param name="progress">Hears how far the window got, from 0 to 1, now and then: it ends once both its least iterations are done
    /// and either its time has passed or its most iterations are done, so the lesser of those two shares.</param>
    public void Run(Action<double>? progress = null)
    {
        long nominal = 0;   // the noise-free schedule's time: compute starts, then each stage's end
        while (Iterations < _minIterations || (Iterations < _maxIterations && nominal + _front.Max < _windowNs))
        {
            if (progress is not null && Iterations % ProgressEvery == 0)
                progress(Math.Clamp(Math.Min((double)Iterations / _minIterations,
                    Math.Max((double)(nominal + _front.Max) / _windowNs, (double)Iterations / _maxIterations)), 0, 1));
            Iterations++;
            // CPU work back to back is one piece of work: the compute and the first send's overhead; after each stage's latency,
            // its receive's overhead and the next stage's send's.
            var cpu = ComputeNs + (_front.Stages > 0 ? _sendNs[0] : 0);
            Compute(nominal, cpu);
            nominal += cpu;
            for (var s = 0; s < _front.Stages; s++)
            {
                _front.Stage(s, StageNs[s]);
                nominal += StageNs[s];
                if (_relayNs[s] > 0) Relay(_relayNs[s]);
                var next = _receiveNs[s] + (s + 1 < _front.Stages ? _sendNs[s + 1] : 0);
                if (next > 0)
                {
                    Compute(nominal, next);
                    nominal += next;
                }
                else Look(nominal);
            }
        }
        NominalEndNs = nominal;
        _cores.UncountFrom(EndNs);
    }

    /// <summary>Every rank works <paramref name="ns"/> on its core (compute, or a message's overhead) from its own start (nominal + its lateness); detours in its way stretch it.</summary>
    private void Compute(long nominal, long ns)
    {
        var horizon = nominal + _front.Max + ns;
        _calendar.TakeBefore(horizon, _active);
        // As in Look: most cores looked at have their next run past the work's end; find them in one tight pass, no Work call.
        var active = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_active);
        if (_lateness.Length < active.Length) _lateness = new long[Math.Max(active.Length, 2 * _lateness.Length)];
        _front.Lateness(active, _lateness);
        var runStarts = _cores.RunStart;
        var kept = 0;
        for (var i = 0; i < active.Length; i++)
        {
            var core = active[i];
            var lateness = _lateness[i];
            var start = nominal + lateness;
            var runStart = runStarts[core];
            if (runStart > start + ns)
            {
                if (runStart < horizon) active[kept++] = core;
                else if (runStart != long.MaxValue) _calendar.Add(core, runStart);
                continue;
            }
            Array.Clear(_added);
            var end = _cores.Work(core, start, ns, _added, OwnLossNs);
            var delay = end - start - ns;
            if (delay > 0) _front.Delay(core, lateness + delay, _added);
            if (Keep(core, horizon)) active[kept++] = core;
        }
        _active.RemoveRange(kept, _active.Count - kept);
    }

    /// <summary>After a stage: a rank whose core is in a detour when the stage ends for it leaves only when the detour does.</summary>
    private void Look(long nominal)
    {
        var horizon = nominal + _front.Max;
        _calendar.TakeBefore(horizon, _active);
        // Most cores looked at have their next run ahead of their rank: find those in one tight pass first.
        var active = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_active);
        if (_lateness.Length < active.Length) _lateness = new long[Math.Max(active.Length, 2 * _lateness.Length)];
        _front.Lateness(active, _lateness);
        var runStarts = _cores.RunStart;
        var kept = 0;
        for (var i = 0; i < active.Length; i++)
        {
            var core = active[i];
            var runStart = runStarts[core];
            var t = nominal + _lateness[i];
            if (runStart > t)
            {
                if (runStart < horizon) active[kept++] = core;
                else if (runStart != long.MaxValue) _calendar.Add(core, runStart);
                continue;
            }
            var held = t;
            Array.Clear(_added);
            while (runStarts[core] <= held)
            {
                var runEnd = _cores.RunEnd[core];
                if (runEnd > held)
                {
                    _cores.Charge(core, runEnd - held, _added, OwnLossNs);
                    held = runEnd;
                }
                _cores.Advance(core);
            }
            if (held > t) _front.Delay(core, held - nominal, _added);
            if (Keep(core, horizon)) active[kept++] = core;
        }
        _active.RemoveRange(kept, _active.Count - kept);
    }

    /// <summary>The first core of each node relays its node's messages of this stage: its rank is held that long.</summary>
    private void Relay(long ns)
    {
        for (var core = 0; core < _front.Ranks; core += _coresPerNode)
        {
            _front.Delay(core, _front.Lateness(core) + ns, _relayMakeup);
            for (var c = 0; c < _relayMakeup.Length; c++) OwnLossNs[c] += _relayMakeup[c];
        }
    }

    /// <summary>Whether the core stays looked at (its next run starts before the horizon); if not, it goes back to the calendar.</summary>
    private bool Keep(int core, long horizon)
    {
        var next = _cores.RunStart[core];
        if (next < horizon) return true;
        if (next != long.MaxValue) _calendar.Add(core, next);
        return false;
    }
}
