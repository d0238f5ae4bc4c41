using NodeSim.Kernel;
using NodeSim.Models.Costs;

namespace NodeSim.Engine.Execution;

/// <summary>
/// Every core's noise on its wall clock: detours arrive from the core's sources whatever the rank
/// does, and a detour that arrives while another runs waits for it. A core's detours are seen as
/// <i>busy runs</i> — maximal intervals in which the core runs detours back to back — built one at
/// a time, as the window needs them, so memory does not grow with simulated time.
/// </summary>
/// <remarks>
/// Phases: an unsynchronised periodic source (a kernel's tick, injected noise) has an independent
/// uniformly random phase per core; a synchronised one (<c>--inject-noise …:sync</c>) one phase for
/// every core of the job. Poisson sources are independent per core. Each core draws from a stream
/// of its own, so its detours do not depend on the order in which the window looks at cores.
/// </remarks>
internal sealed class CoreTimelines
{
    private readonly DetourSource[] _sources;
    private readonly int _n;
    private readonly long[] _next;          // core × source: the next arrival
    // Each core's draws from each source: keyed by (run seed, source name, core), indexed by a counter per core and source, so a
    // source's draws on a core do not depend on which other sources there are or what they drew (common random numbers).
    private readonly ulong[] _sourceKeys;
    private readonly long[] _draws;         // core × source: draws taken
    private readonly float[] _makeup;       // core × cause slot: what the current run is made of (ns)
    private readonly int[] _runCounters;    // core × counter: the current run's detours and operations
    private readonly double[] _makeupTotal;

    /// <summary>Start of each core's current busy run (long.MaxValue: none left).</summary>
    public long[] RunStart { get; }

    /// <summary>End of each core's current busy run (exclusive).</summary>
    public long[] RunEnd { get; }

    /// <summary>Detours and their operations in every run built so far, all cores together, indexed by <see cref="Counter"/>.</summary>
    public long[] Counts { get; } = new long[Counters.Count];

    public int Cores { get; }

    /// <param name="coresPerNode">Cores of a node that run ranks: a source on the first core of each node is on every such core.</param>
    /// <param name="recordDetour">Hears every detour as its run is built: its core, when it takes the core (queued behind the run's
    /// earlier detours) and for how long (ns) — runs are built ahead, so past the end of what is simulated too (<c>--dump-noise</c>).</param>
    public CoreTimelines(IReadOnlyList<DetourSource> sources, int cores, ulong seed, int coresPerNode = 1, Action<int, long, long>? recordDetour = null)
    {
        _record = recordDetour;
        _sources = [.. sources];
        _n = _sources.Length;
        Cores = cores;
        _next = new long[cores * _n];
        _draws = new long[cores * _n];
        _measuredFrom = new long[cores * _n];
        _measuredOffset = new long[cores * _n];
        _measuredLength = new long[cores * _n];
        // A source draws from its stream (shared by the same events under another stack); a stream that occurs twice (two sources
        // of one kind) is keyed by its occurrence too.
        _sourceKeys = [.. _sources.Select((s, j) => RandomStream.DeriveSeed(seed, $"{s.Stream}#{_sources.Take(j).Count(o => o.Stream == s.Stream)}"))];
        _makeup = new float[cores * NoiseCauses.Count];
        _runCounters = new int[cores * Counters.Count];
        _makeupTotal = new double[cores];
        _runKind = new int[cores];
        RunStart = new long[cores];
        RunEnd = new long[cores];
        // A synchronised source has one phase for every core: its draw is the source's own, not a core's.
        var sharedPhase = _sources.Select((s, j) => s.PeriodNs > 0 ? (long)(CounterRandom.Uniform(_sourceKeys[j], 0) * s.PeriodNs)
            : s.Measured is { } m ? (long)(CounterRandom.Uniform(_sourceKeys[j], 0) * m.SpanNs) : 0).ToArray();
        for (var core = 0; core < cores; core++)
        {
            for (var j = 0; j < _n; j++)
            {
                var s = _sources[j];
                if (s.FirstCoreOfNode && core % coresPerNode != 0)
                {
                    _next[core * _n + j] = long.MaxValue;   // never on this core
                    continue;
                }
                if (s.Measured is { } measured) StartMeasured(core, j, measured, sharedPhase[j]);
                _next[core * _n + j] = s.Measured is not null ? NextMeasured(core, j)
                    : s.Times is not null ? NextScheduled(core, j)
                    : s.PeriodNs > 0 ? s.Synchronized ? sharedPhase[j] : (long)(Draw(core, j) * s.PeriodNs)
                    : Gap(core, j);
            }
            BuildRun(core);
        }
    }

    /// <summary>What the core's current run is made of, by cause slot (ns; sums to about its length).</summary>
    public ReadOnlySpan<float> Makeup(int core) =>
        _runKind[core] >= 0 ? _sources[_runKind[core]].FixedMakeup : _makeup.AsSpan(core * NoiseCauses.Count, NoiseCauses.Count);

    /// <summary>The sum of <see cref="Makeup"/>: the run's detours' costs before rounding to nanoseconds.</summary>
    public double MakeupTotal(int core) => _makeupTotal[core];

    /// <summary>Takes out of <see cref="Counts"/> the runs built ahead that start at or after <paramref name="end"/>.</summary>
    public void UncountFrom(long end)
    {
        for (var core = 0; core < Cores; core++)
            if (RunStart[core] != long.MaxValue && RunStart[core] >= end)
            {
                var runCounters = RunCounters(core);
                for (var k = 0; k < Counters.Count; k++) Counts[k] -= runCounters[k];
            }
    }

    /// <summary>The core is past its current run: build its next one.</summary>
    public void Advance(int core) => BuildRun(core);

    /// <summary>
    /// When <paramref name="workNs"/> of work started at <paramref name="startNs"/> on <paramref name="core"/> ends: it
    /// progresses only while the core is free, so every run of detours in its way stretches it (one that starts just as the
    /// work ends still holds up what follows). Runs that ended before are passed over: they ran while the core was idle.
    /// What the stretch is made of is added to <paramref name="added"/> and <paramref name="charged"/> (ns by cause slot).
    /// </summary>
    public long Work(int core, long startNs, long workNs, Span<float> added, Span<double> charged)
    {
        var (t, left) = (startNs, workNs);
        while (true)
        {
            long runStart = RunStart[core], runEnd = RunEnd[core];
            if (runStart > t + left) return t + left;
            if (runEnd > t)
            {
                if (runStart > t) left -= runStart - t;
                Charge(core, runEnd - Math.Max(runStart, t), added, charged);
                t = runEnd;
            }
            Advance(core);
        }
    }

    /// <summary>Whatever the core was doing lost <paramref name="ns"/> to its current run: book it by the run's make-up.</summary>
    public void Charge(int core, long ns, Span<float> added, Span<double> charged)
    {
        var makeup = Makeup(core);
        var scale = (float)(ns / MakeupTotal(core));
        for (var c = 0; c < makeup.Length; c++)
        {
            var part = makeup[c] * scale;
            added[c] += part;
            charged[c] += part;
        }
    }

    /// <summary>The key of source <paramref name="j"/>'s draws on <paramref name="core"/>.</summary>
    private ulong Key(int core, int j) => RandomStream.DeriveKey(_sourceKeys[j], core);

    /// <summary>Source <paramref name="j"/>'s next uniform draw on <paramref name="core"/>.</summary>
    private double Draw(int core, int j) => CounterRandom.Uniform(Key(core, j), _draws[core * _n + j]++);

    /// <summary>Source <paramref name="j"/>'s next standard normal draw on <paramref name="core"/> (two uniforms).</summary>
    private double NormalDraw(int core, int j)
    {
        var index = _draws[core * _n + j];
        _draws[core * _n + j] += 2;
        return CounterRandom.Normal(Key(core, j), index);
    }

    /// <summary>
    /// Where core <paramref name="core"/> starts replaying a measured trace: its measured core (core mod the trace's cores), the
    /// point of the trace its time 0 falls on (by the mapping: its own random point, the shared one, or the start) and the first
    /// detour at or after it.
    /// </summary>
    private void StartMeasured(int core, int j, MeasuredNoise m, long sharedOffset)
    {
        var starts = m.Starts[core % m.Cores];
        var offset = m.Mapping switch
        {
            NoiseTraceMapping.Independent => (long)(CounterRandom.Uniform(RandomStream.DeriveKey(Key(core, j), int.MaxValue), 0) * m.SpanNs),
            NoiseTraceMapping.Coscheduled => sharedOffset,
            _ => 0,
        };
        var first = Array.BinarySearch(starts, offset);
        _measuredFrom[core * _n + j] = first >= 0 ? first : ~first;
        _measuredOffset[core * _n + j] = offset;
    }

    /// <summary>
    /// A measured source's next detour time on <paramref name="core"/>: the trace's detours from the core's starting point on,
    /// wrapping at its span (its counter is the number replayed); the detour's length waits in <see cref="_measuredLength"/>.
    /// </summary>
    private long NextMeasured(int core, int j)
    {
        var m = _sources[j].Measured!;
        var mc = core % m.Cores;
        var starts = m.Starts[mc];
        if (starts.Length == 0) return long.MaxValue;
        var at = core * _n + j;
        var position = _measuredFrom[at] + _draws[at]++;
        var (cycle, i) = (position / starts.Length, position % starts.Length);
        _measuredLength[at] = m.Durations[mc][i];
        return SaturatingAdd(cycle * m.SpanNs, starts[i] - _measuredOffset[at]);
    }

    private readonly long[] _measuredFrom, _measuredOffset, _measuredLength;
    private readonly Action<int, long, long>? _record;

    /// <summary>A scheduled source's next detour time on <paramref name="core"/> (its counter is the index of the next time), or never.</summary>
    private long NextScheduled(int core, int j)
    {
        var times = _sources[j].Times!;
        var index = _draws[core * _n + j]++;
        return index < times.Length ? times[index] : long.MaxValue;
    }

    /// <summary>A Poisson source's next gap between detours on <paramref name="core"/> (none for a periodic source).</summary>
    private long Gap(int core, int j)
    {
        var s = _sources[j];
        return s.RatePerNs > 0 ? (long)Math.Round(-Math.Log(1 - Draw(core, j)) / s.RatePerNs) : long.MaxValue;
    }

    private void BuildRun(int core)
    {
        var next = _next.AsSpan(core * _n, _n);
        // Most runs are one detour of a fixed cost (a tick): such a run points to its source's make-up and counters
        // (kind = the source); a run of several detours, or with a drawn duration, adds them up in the core's buffers (kind = −1).
        var kind = NoRun;
        long start = long.MaxValue, end = long.MaxValue;
        double total = 0;
        while (next.Length > 0)
        {
            var j = 0;
            for (var i = 1; i < next.Length; i++)
                if (next[i] < next[j]) j = i;
            var arrival = next[j];
            // A detour that arrives before the run ends waits for it (queues); one that arrives later starts the next run.
            if (arrival == long.MaxValue || (start != long.MaxValue && arrival >= end)) break;
            var s = _sources[j];
            var length = s.FixedNs;
            total += s.FixedMakeupTotal;
            if (kind == NoRun && !s.VariableLength) kind = j;
            else
            {
                var makeup = _makeup.AsSpan(core * NoiseCauses.Count, NoiseCauses.Count);
                var counters = _runCounters.AsSpan(core * Counters.Count, Counters.Count);
                if (kind != Summed)
                {
                    makeup.Clear();
                    counters.Clear();
                    if (kind >= 0) AddDetour(makeup, counters, _sources[kind]);
                    kind = Summed;
                }
                AddDetour(makeup, counters, s);
                if (s.Measured is not null)
                {
                    var measured = _measuredLength[core * _n + j];
                    length += measured;
                    makeup[s.DurationSlot] += measured;
                    total += measured;
                }
                else if (s.HasDuration)
                {
                    var duration = Math.Round(Math.Exp(s.LogMedianNs + s.LogSigma * NormalDraw(core, j)));
                    length += (long)duration;
                    makeup[s.DurationSlot] += (float)duration;
                    total += (float)duration;
                }
            }
            length = Math.Max(1, length);
            _record?.Invoke(core, start == long.MaxValue ? arrival : end, length);
            if (start == long.MaxValue) (start, end) = (arrival, arrival + length);
            else end += length;
            next[j] = s.Measured is not null ? NextMeasured(core, j) : s.Times is not null ? NextScheduled(core, j) : s.PeriodNs > 0 ? arrival + s.PeriodNs : SaturatingAdd(arrival, Gap(core, j));
        }
        _runKind[core] = kind;
        _makeupTotal[core] = total;
        RunStart[core] = start;
        RunEnd[core] = end;
        var runCounters = RunCounters(core);
        for (var k = 0; k < Counters.Count; k++) Counts[k] += runCounters[k];
    }

    private const int NoRun = -2, Summed = -1;
    private readonly int[] _runKind;

    private static void AddDetour(Span<float> makeup, Span<int> counters, DetourSource s)
    {
        for (var c = 0; c < makeup.Length; c++) makeup[c] += s.FixedMakeup[c];
        for (var k = 0; k < Counters.Count; k++) counters[k] += s.Counts[k];
    }

    /// <summary>The current run's counters: its single source's (one detour) or the core's sums.</summary>
    private ReadOnlySpan<int> RunCounters(int core) => _runKind[core] switch
    {
        NoRun => NoCounters,
        Summed => _runCounters.AsSpan(core * Counters.Count, Counters.Count),
        var j => _sources[j].Counts,
    };

    private static readonly int[] NoCounters = new int[Counters.Count];

    private static long SaturatingAdd(long a, long b) => b > long.MaxValue - a ? long.MaxValue : a + b;
}
