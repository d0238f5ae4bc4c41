using NodeSim.Kernel;

namespace NodeSim.Tests.Engine.Reference;

/// <summary>
/// A brute-force reference for a bulk-synchronous job under OS noise, written to share no code
/// with NodeSim's job-execution model (only the kernel's random streams): every detour is an
/// explicit interval on its core's wall-clock timeline, and every collective message an explicit
/// send and receive. It is the oracle the event-level model of issue 16 will be checked against.
/// </summary>
/// <remarks>
/// Semantics, one rank per core:
/// <list type="bullet">
/// <item>Detours arrive at wall-clock times whatever the rank does; one that arrives while another
/// runs waits for it (they queue). Compute progresses only while the core is free, so a detour
/// lengthens the interval it lands in.</item>
/// <item>A periodic source has a random phase per core, or one phase for every core when
/// synchronised; a Poisson source is independent per core.</item>
/// <item>The collective is a sequence of stages (recursive doubling for an allreduce, a
/// dissemination barrier): in each, a rank sends when its core is free, the message takes the
/// stage latency on the wire, and the receiver takes it in when its core is free; a detour that
/// ends while a rank only waits costs nothing (LogGOPSim's semantics, Hoefler et al., SC'10).</item>
/// </list>
/// </remarks>
public static class BruteForceJob
{
    /// <summary>A strictly periodic detour source (a timer tick, injected noise).</summary>
    public sealed record Periodic(double RateHz, double Seconds, bool Synchronized);

    /// <summary>A Poisson detour source with a duration drawn per detour.</summary>
    public sealed record Poisson(double RatePerSecond, Func<RandomStream, double> Duration);

    public enum Collective { None, Allreduce, Barrier }

    /// <param name="Seconds">Wall-clock time of the whole job.</param>
    /// <param name="Detours">Detours that started before the job ended, all cores together.</param>
    public sealed record Result(double Seconds, long Detours);

    /// <summary>Runs <paramref name="iterations"/> iterations of <paramref name="work"/> seconds of compute and a collective on <paramref name="ranks"/> ranks.</summary>
    public static Result Run(int ranks, double work, int iterations, Collective collective, double stageSeconds,
        IReadOnlyList<Periodic> periodic, IReadOnlyList<Poisson> poisson, ulong seed)
    {
        if (collective == Collective.Allreduce && (ranks & (ranks - 1)) != 0) throw new ArgumentException("recursive doubling takes a power-of-two rank count");
        var shared = new RandomStream(RandomStream.DeriveSeed(seed, "synchronised phases"));
        var phases = periodic.Select(p => shared.NextDouble() / p.RateHz).ToArray();
        var cores = Enumerable.Range(0, ranks).Select(r => new Core(periodic, poisson, phases, RandomStream.DeriveSeed(seed, "core", r))).ToArray();
        var ready = new double[ranks];
        var sent = new double[ranks];
        var stages = collective == Collective.None ? 0 : (int)Math.Ceiling(Math.Log2(Math.Max(ranks, 1)));
        for (var it = 0; it < iterations; it++)
        {
            for (var r = 0; r < ranks; r++) ready[r] = cores[r].Compute(ready[r], work);
            for (var s = 0; s < stages; s++)
            {
                for (var r = 0; r < ranks; r++) sent[r] = cores[r].FreeAt(ready[r]);
                for (var r = 0; r < ranks; r++)
                {
                    var from = collective == Collective.Allreduce ? r ^ (1 << s) : ((r - (1 << s)) % ranks + ranks) % ranks;
                    ready[r] = cores[r].FreeAt(Math.Max(sent[r], sent[from] + stageSeconds));
                }
            }
        }
        var end = ready.Max();
        return new Result(end, cores.Sum(c => c.DetoursBefore(end)));
    }

    /// <summary>How the ranks communicate after each iteration's compute, for <see cref="RunLogGp"/>.</summary>
    public enum Pattern { RecursiveDoubling, Binomial, Ring, Hierarchical, Halo }

    /// <summary>
    /// LogGP communication (issue 28): a message costs its sender <paramref name="overhead"/> seconds of CPU, then the latency
    /// (<paramref name="latency"/> between nodes, <paramref name="sharedLatency"/> within one), then its receiver the overhead;
    /// CPU time runs only while the core is free, and with no overhead a rank in a detour can neither send nor receive. A rank
    /// sends its messages of a round one after another, then takes in what it receives in arrival order. After every
    /// iteration's compute, a halo exchange with the neighbours on a periodic grid of <paramref name="grid"/> extents (row-major,
    /// the last fastest) when the pattern is <see cref="Pattern.Halo"/>, and every <paramref name="allreduceEvery"/> iterations
    /// (0: never) an allreduce by recursive doubling; otherwise the pattern's allreduce after every iteration. Ranks fill nodes
    /// of <paramref name="coresPerNode"/> in order. Rank counts are powers of two (the ring's excepted).
    /// </summary>
    public static Result RunLogGp(int ranks, int coresPerNode, double work, int iterations, Pattern pattern, double latency, double sharedLatency,
        double overhead, IReadOnlyList<Periodic> periodic, IReadOnlyList<Poisson> poisson, ulong seed, int[]? grid = null, int allreduceEvery = 0)
    {
        var shared = new RandomStream(RandomStream.DeriveSeed(seed, "synchronised phases"));
        var phases = periodic.Select(p => shared.NextDouble() / p.RateHz).ToArray();
        var cores = Enumerable.Range(0, ranks).Select(r => new Core(periodic, poisson, phases, RandomStream.DeriveSeed(seed, "core", r))).ToArray();
        var t = new double[ranks];
        double Latency(int a, int b) => a / coresPerNode == b / coresPerNode ? sharedLatency : latency;
        double Cpu(int r, double at) => cores[r].Compute(at, overhead);

        // One round: every listed message is sent (in list order per sender) before any is received.
        void Round(IReadOnlyList<(int From, int To)> messages)
        {
            var arrivals = new List<(int To, double At, int Order)>();
            for (var i = 0; i < messages.Count; i++)
            {
                var (from, to) = messages[i];
                t[from] = Cpu(from, t[from]);
                arrivals.Add((to, t[from] + Latency(from, to), i));
            }
            foreach (var (to, at, _) in arrivals.OrderBy(a => a.To).ThenBy(a => a.At).ThenBy(a => a.Order))
                t[to] = Cpu(to, Math.Max(t[to], at));
        }

        IEnumerable<List<(int, int)>> RecursiveDoubling(IReadOnlyList<int> members)
        {
            for (var step = 1; step < members.Count; step *= 2)
                yield return [.. Enumerable.Range(0, members.Count).Select(i => (members[i], members[i ^ step]))];
        }
        IEnumerable<List<(int, int)>> Reduce(IReadOnlyList<int> members)
        {
            for (var step = 1; step < members.Count; step *= 2)
                yield return [.. Enumerable.Range(1, members.Count - 1).Where(i => (i & -i) == step).Select(i => (members[i], members[i - step]))];
        }
        IEnumerable<List<(int, int)>> Broadcast(IReadOnlyList<int> members)
        {
            var steps = new List<int>();
            for (var step = 1; step < members.Count; step *= 2) steps.Add(step);
            foreach (var step in Enumerable.Reverse(steps))
                yield return [.. Enumerable.Range(0, members.Count).Where(i => i % (2 * step) == 0 && i + step < members.Count).Select(i => (members[i], members[i + step]))];
        }
        var all = Enumerable.Range(0, ranks).ToList();
        var nodes = Enumerable.Range(0, (ranks + coresPerNode - 1) / coresPerNode)
            .Select(n => Enumerable.Range(n * coresPerNode, Math.Min(coresPerNode, ranks - n * coresPerNode)).ToList()).ToList();
        List<List<(int, int)>> Allreduce() => pattern switch
        {
            Pattern.Binomial => [.. Reduce(all), .. Broadcast(all)],
            Pattern.Ring => [.. Enumerable.Repeat(Enumerable.Range(0, ranks).Select(r => (r, (r + 1) % ranks)).ToList(), 2 * (ranks - 1))],
            Pattern.Hierarchical =>
            [
                .. Zip(nodes.Select(n => Reduce(n).ToList())),
                .. RecursiveDoubling([.. nodes.Select(n => n[0])]),
                .. Zip(nodes.Select(n => Broadcast(n).ToList())),
            ],
            _ => [.. RecursiveDoubling(all)],
        };
        static IEnumerable<List<(int, int)>> Zip(IEnumerable<List<List<(int, int)>>> perNode)
        {
            var lists = perNode.ToList();
            for (var k = 0; k < lists.Max(l => l.Count); k++) yield return [.. lists.Where(l => k < l.Count).SelectMany(l => l[k])];
        }
        List<(int, int)> Halo()
        {
            var messages = new List<(int, int)>();
            for (var r = 0; r < ranks; r++)
            {
                // Coordinates, the last dimension fastest.
                var coordinates = new int[grid!.Length];
                var rest = r;
                for (var d = grid.Length - 1; d >= 0; d--)
                {
                    coordinates[d] = rest % grid[d];
                    rest /= grid[d];
                }
                int RankAt(int[] c) => Enumerable.Range(0, grid.Length).Aggregate(0, (acc, d) => acc * grid[d] + c[d]);
                for (var d = 0; d < grid.Length; d++)
                    foreach (var delta in new[] { 1, -1 })
                    {
                        var c = (int[])coordinates.Clone();
                        c[d] = (c[d] + delta + grid[d]) % grid[d];
                        messages.Add((r, RankAt(c)));
                    }
            }
            return messages;
        }
        var collective = Allreduce();
        var halo = pattern == Pattern.Halo ? Halo() : null;
        for (var it = 1; it <= iterations; it++)
        {
            for (var r = 0; r < ranks; r++) t[r] = cores[r].Compute(t[r], work);
            if (halo is not null)
            {
                Round(halo);
                if (allreduceEvery > 0 && it % allreduceEvery == 0)
                    foreach (var round in collective) Round(round);
            }
            else
                foreach (var round in collective) Round(round);
        }
        var end = t.Max();
        return new Result(end, cores.Sum(c => c.DetoursBefore(end)));
    }

    /// <summary>One core's timeline: its detours, queued, as busy intervals generated as far as they are needed.</summary>
    private sealed class Core
    {
        private readonly IReadOnlyList<Periodic> _periodic;
        private readonly IReadOnlyList<Poisson> _poisson;
        private readonly double[] _nextPeriodic;
        private readonly double[] _nextPoisson;
        private readonly RandomStream _random;
        private readonly List<(double Start, double End)> _busy = [];
        private double _generatedUntil;
        private double _queueEnd;
        private int _cursor;   // queries come in non-decreasing time; earlier intervals are never needed again

        public Core(IReadOnlyList<Periodic> periodic, IReadOnlyList<Poisson> poisson, double[] synchronizedPhases, ulong seed)
        {
            _periodic = periodic;
            _poisson = poisson;
            _random = new RandomStream(seed);
            _nextPeriodic = [.. periodic.Select((p, i) => p.Synchronized ? synchronizedPhases[i] : _random.NextDouble() / p.RateHz)];
            _nextPoisson = [.. poisson.Select(p => Exponential(p.RatePerSecond))];
        }

        private double Exponential(double rate) => rate > 0 ? -Math.Log(1 - _random.NextDouble()) / rate : double.PositiveInfinity;

        /// <summary>Generates every detour that arrives before <paramref name="t"/>, in arrival order, queued behind the ones before.</summary>
        private void Generate(double t)
        {
            while (_generatedUntil < t)
            {
                var until = _generatedUntil + 1.0;
                while (true)
                {
                    int pi = -1, qi = -1;
                    var next = until;
                    for (var i = 0; i < _nextPeriodic.Length; i++)
                        if (_nextPeriodic[i] < next) (next, pi, qi) = (_nextPeriodic[i], i, -1);
                    for (var i = 0; i < _nextPoisson.Length; i++)
                        if (_nextPoisson[i] < next) (next, pi, qi) = (_nextPoisson[i], -1, i);
                    if (pi < 0 && qi < 0) break;
                    double length;
                    if (pi >= 0)
                    {
                        length = _periodic[pi].Seconds;
                        _nextPeriodic[pi] += 1 / _periodic[pi].RateHz;
                    }
                    else
                    {
                        length = _poisson[qi].Duration(_random);
                        _nextPoisson[qi] += Exponential(_poisson[qi].RatePerSecond);
                    }
                    var start = Math.Max(next, _queueEnd);
                    _queueEnd = start + length;
                    _busy.Add((start, _queueEnd));
                }
                _generatedUntil = until;
            }
        }

        /// <summary>The first time at or after <paramref name="t"/> when the core runs no detour.</summary>
        public double FreeAt(double t)
        {
            while (true)
            {
                Generate(t + 1e-9);
                while (_cursor < _busy.Count && _busy[_cursor].End <= t) _cursor++;
                if (_cursor >= _busy.Count || _busy[_cursor].Start > t) return t;
                t = _busy[_cursor].End;
            }
        }

        /// <summary>When <paramref name="work"/> seconds of compute started at <paramref name="t"/> end, detours in between excluded.</summary>
        public double Compute(double t, double work)
        {
            var left = work;
            t = FreeAt(t);
            while (true)
            {
                Generate(t + left + 1e-9);
                var next = _cursor < _busy.Count ? _busy[_cursor].Start : double.PositiveInfinity;
                if (t + left <= next) return t + left;
                left -= next - t;
                t = FreeAt(next);
            }
        }

        public long DetoursBefore(double end) => _busy.Count(b => b.Start < end);
    }
}
