using MathNet.Numerics.Distributions;
using NodeSim.Kernel;
using NodeSim.Models;
using NodeSim.Models.Isolation;
using NodeSim.Models.Soc;
using NodeSim.Models.Workloads;

namespace NodeSim.Engine;

/// <summary>A job to execute: a profile on R ranks under a stack, on a SoC, with optional injected noise.</summary>
/// <param name="WindowSeconds">Simulated time per window (at least 200 iterations, at most 20,000).</param>
public sealed record JobExecutionRequest(JobProfile Profile, IsolationStack Stack, int Ranks, SocPreset Soc,
    InjectedNoise? Injected = null, ulong Seed = 1, double WindowSeconds = 2.0);

/// <summary>
/// How much slower the job runs than on the ideal machine, and why. The ledger's parts sum to the
/// slowdown: each cause is what the average rank loses to it; collective amplification is what the
/// slowest rank loses beyond the average one (so it is zero for one rank); translation is the extra
/// cycles of the job's own memory accesses.
/// </summary>
/// <param name="SlowdownPct">(time on the stack / time on the ideal machine − 1) × 100.</param>
/// <param name="LedgerPct">Per cause, in percent of the ideal time; sums to <paramref name="SlowdownPct"/>.</param>
/// <param name="TranslationFactor">Compute time on this stack's memory translation / on the ideal machine.</param>
/// <param name="WorldSwitchesPerSecond">Expected VM switches per second of job time, all ranks together.</param>
/// <param name="Iterations">Iterations simulated.</param>
public sealed record JobExecutionResult(double SlowdownPct, IReadOnlyDictionary<OverheadCause, double> LedgerPct, double TranslationFactor,
    double WorldSwitchesPerSecond, double HypercallsPerSecond, double InjectedInterruptsPerSecond, double MailboxMessagesPerSecond,
    int Iterations, double SimulatedSeconds)
{
    public double Factor => 1 + SlowdownPct / 100;

    /// <summary>The ledger indexed by <see cref="OverheadCause"/>: one list that every job row of this execution shares.</summary>
    public IReadOnlyList<double> LedgerByCause { get; } = [.. OverheadCauses.All.Select(c => LedgerPct[c])];
}

/// <summary>
/// Simulates a window of a job's execution in the event kernel: a process runs the job's
/// iterations; in each, every rank computes (its work inflated by the SoC characterisation for
/// the stack's page sizes and stage 2), loses time to its core's noise and the stack's isolation
/// events, and the iteration ends when the slowest rank reaches the collective.
/// </summary>
/// <remarks>
/// <para>Noise is drawn analytically per interval, never as one event per tick: a periodic source
/// of rate f gives a rank ⌊Δf⌋ or ⌊Δf⌋ + 1 events in an interval Δ (the latter with probability
/// of its fractional part, as a uniformly random phase does); a synchronized one gives every rank
/// the same count. Poisson sources are drawn as a count over all ranks (sparse) or per rank
/// (dense: more than one event per rank-interval). Ranks hit by Poisson events are followed one
/// by one; the rest, whose extra depends only on which periodic sources hit them, are handled as a
/// multinomial over those combinations. When that following would cost more than a grid transform,
/// the window draws each iteration's slowest rank from the distribution of one rank's extra instead
/// (<see cref="RankExtraDistribution"/>) and credits the average rank its expected extra per cause,
/// so a window's cost is bounded whatever the ranks and the event rates.</para>
/// <para>Approximations (documented): detours are additive and do not lengthen the interval in
/// which others are counted; periodic counts are independent between iterations (their mean is
/// exact); translation inflates compute uniformly; collectives poll and raise no interrupts.</para>
/// </remarks>
public static class JobExecution
{
    /// <summary>Measured accesses of each SoC characterisation a job needs (after a quarter as many to warm up).</summary>
    public const int CharacterizationAccesses = 200_000;

    /// <summary>
    /// Compute time on the stack / on the ideal machine: (compute + cache + translation cycles per access)
    /// averaged over the stack's page mix, over (compute + cache cycles) with translation free (2 MB
    /// pages, no stage 2, whose TLB reach covers every working set here).
    /// </summary>
    public static double TranslationFactor(JobProfile profile, IsolationStack stack, SocPreset soc,
        BoundedCache<(SocPreset Soc, CharacterizationRequest Request), Characterization> characterizations)
    {
        if (stack.IsIdeal) return 1;
        var ideal = characterizations.Get((soc, new CharacterizationRequest(profile.Pattern, profile.WorkingSetBytesPerRank,
            2 << 20, Stage2Mode.Off, CharacterizationAccesses)));
        var idealCycles = profile.ComputeCyclesPerAccess + ideal.CacheCyclesPerAccess;
        double cycles = 0;
        foreach (var (fraction, page) in stack.PageMix())
        {
            var c = characterizations.Get((soc, new CharacterizationRequest(profile.Pattern, profile.WorkingSetBytesPerRank,
                page, stack.Stage2, CharacterizationAccesses)));
            cycles += fraction * (profile.ComputeCyclesPerAccess + c.CacheCyclesPerAccess + c.TranslationCyclesPerAccess);
        }
        return Math.Max(1, cycles / idealCycles);
    }

    /// <summary>Simulates a window of the job; the SoC characterisations come from (and go to) <paramref name="context"/>.</summary>
    public static JobExecutionResult Run(JobExecutionRequest request, RunContext context) => Run(request, context, RankFollowing.Cheaper);

    /// <summary>How a window finds each iteration's slowest rank; both ways give the same distribution of results.</summary>
    internal enum RankFollowing
    {
        /// <summary>Whichever is cheaper for the window (the default).</summary>
        Cheaper,
        /// <summary>Follow the ranks hit by Poisson events one by one.</summary>
        OneByOne,
        /// <summary>Draw the slowest from the distribution of one rank's extra (<see cref="RankExtraDistribution"/>), when its grid resolves it.</summary>
        Distribution,
    }

    internal static JobExecutionResult Run(JobExecutionRequest request, RunContext context, RankFollowing following)
    {
        var (profile, stack, ranks, soc) = (request.Profile, request.Stack, request.Ranks, request.Soc);
        profile.Validate();
        stack.Validate();
        if (ranks < 1) throw new ArgumentOutOfRangeException(nameof(request), ranks, "a job has at least one rank");
        if (!(request.WindowSeconds > 0)) throw new ArgumentOutOfRangeException(nameof(request), request.WindowSeconds, "the window must last a positive time");

        var translation = context.TranslationFactor(profile, stack, soc);
        var sources = stack.NoiseSources(profile, soc, request.Injected);
        var iterations = (int)Math.Clamp(Math.Ceiling(request.WindowSeconds / profile.IterationSeconds), 200, 20_000);
        var window = new Window(profile, ranks, translation, sources, iterations, following);

        var sim = new Simulation(request.Seed);
        window.Random = sim.Random("job-noise");
        sim.Process(window.Body(sim), "job window");
        sim.Run();

        var ideal = iterations * (profile.IterationSeconds + profile.CollectiveSeconds(ranks));
        var ledger = new Dictionary<OverheadCause, double>();
        foreach (var cause in OverheadCauses.All) ledger[cause] = 100 * window.PerCause[(int)cause] / ideal;
        ledger[OverheadCause.Translation] = 100 * iterations * profile.IterationSeconds * (translation - 1) / ideal;
        var slowdown = 100 * (sim.Now.Seconds - ideal) / ideal;
        // The kernel's clock is integer nanoseconds; the ledger's parts are exact doubles. Charge the
        // rounding (well under a nanosecond per iteration) to amplification so the parts add up.
        ledger[OverheadCause.CollectiveAmplification] = slowdown - ledger.Where(kv => kv.Key != OverheadCause.CollectiveAmplification).Sum(kv => kv.Value);

        // Sources fire at their rates per second of wall time; all ranks together.
        double Rate(Func<EventCost, int> count) => ranks * sources.Sum(s => count(s.Cost) * s switch
        {
            NoiseSource.Periodic p => p.RateHz,
            NoiseSource.Poisson q => q.RatePerSecond,
            _ => 0,
        });
        return new JobExecutionResult(slowdown, ledger, translation,
            Rate(c => c.WorldSwitches), Rate(c => c.Hypercalls), Rate(c => c.InjectedInterrupts), Rate(c => c.MailboxMessages),
            iterations, sim.Now.Seconds);
    }

    /// <summary>The window's process and its accounting.</summary>
    private sealed class Window
    {
        private static readonly int Causes = OverheadCauses.Count;
        private readonly JobProfile _profile;
        private readonly int _ranks;
        private readonly double _compute;
        private readonly List<NoiseSource.Periodic> _spread = new();
        private readonly List<NoiseSource.Periodic> _synchronized = new();
        private readonly List<PoissonTerm> _sparse = new();
        private readonly List<PoissonTerm> _dense = new();
        private readonly double[] _common = new double[Causes];
        private readonly double[] _sum = new double[Causes];
        private readonly double[] _spreadFraction;
        private readonly int[] _spreadBase;
        // Ranks hit by Poisson events: slot → extra time per cause (flat) and in total. With a
        // dense source every rank is hit and slot = rank; otherwise ranks get slots as they are hit
        // (rank → slot + 1, 0 for not hit this iteration; slot → rank to reset it).
        private int[] _slotPlusOneOfRank = [];
        private int[] _rankOfSlot = new int[64];
        private double[] _extra = new double[64 * OverheadCauses.Count];
        private double[] _total = new double[64];
        private int _slots;
        // Periodic extras a rank can get (see SpreadCombinations), and, when the window draws the
        // slowest rank from a distribution instead of following ranks, that distribution and the
        // average rank's expected extra per cause.
        private readonly double[] _comboValues;
        private readonly double[] _comboProbabilities;
        private readonly RankExtraDistribution? _distribution;
        private readonly double[] _expected = new double[OverheadCauses.Count];

        public Window(JobProfile profile, int ranks, double translation, IReadOnlyList<NoiseSource> sources, int iterations, RankFollowing following)
        {
            _profile = profile;
            _ranks = ranks;
            _compute = profile.IterationSeconds * translation;
            Iterations = iterations;
            foreach (var s in sources)
            {
                switch (s)
                {
                    case NoiseSource.Periodic { Synchronized: true } p: _synchronized.Add(p); break;
                    case NoiseSource.Periodic p: _spread.Add(p); break;
                    case NoiseSource.Poisson q when q.RatePerSecond * _compute > 1: _dense.Add(new PoissonTerm(q)); break;
                    case NoiseSource.Poisson q: _sparse.Add(new PoissonTerm(q)); break;
                }
            }
            if (_spread.Count > 10) throw new ArgumentException("at most 10 unsynchronized periodic noise sources");
            _spreadBase = _spread.Select(p => (int)Math.Floor(p.RateHz * _compute)).ToArray();
            _spreadFraction = _spread.Select((p, i) => p.RateHz * _compute - _spreadBase[i]).ToArray();
            (_comboValues, _comboProbabilities) = SpreadCombinations();
            var draw = following switch
            {
                RankFollowing.OneByOne => false,
                RankFollowing.Distribution => true,
                _ => CostOfFollowingRanks(iterations) > DistributionAbove,
            };
            _distribution = draw ? Distribution() : null;
            if (_distribution is not null) return;
            if (_dense.Count > 0) Grow(ranks);
            else if (_sparse.Count > 0) _slotPlusOneOfRank = new int[ranks];
        }

        /// <summary>
        /// Above this many rank-intervals followed plus events drawn, a window draws each iteration's
        /// slowest rank from the distribution of one rank's extra (a grid transform, then one draw per
        /// iteration) instead of following ranks one by one. Both give the same distribution of
        /// results, up to the grid's resolution; the threshold only picks the cheaper. Measured on the
        /// Lublin-1 replay's windows: the transform costs ~1 ms, and following costs 70–200 ns per unit.
        /// </summary>
        private const double DistributionAbove = 15_000;

        /// <summary>The work of following ranks one by one: rank-intervals followed, plus Poisson events drawn.</summary>
        private double CostOfFollowingRanks(int iterations)
        {
            var events = _ranks * _sparse.Concat(_dense).Sum(q => q.Source.RatePerSecond * _compute);
            var followed = _dense.Count > 0 ? _ranks : Math.Min(_ranks, events);
            return iterations * (followed + events);
        }

        private RankExtraDistribution? Distribution()
        {
            var parts = _sparse.Concat(_dense).Select(q => new RankExtraDistribution.PoissonPart(q.Source.RatePerSecond * _compute,
                q.Source.Cost.Total, q.Source.DurationMedianSeconds, q.Source.DurationLogSigma)).ToList();
            var distribution = RankExtraDistribution.TryCreate(parts, _comboValues, _comboProbabilities, _ranks);
            if (distribution is null) return null;
            // The average rank's extra per cause is then its expectation.
            for (var s = 0; s < _spread.Count; s++) _spread[s].Cost.AddTo(_expected, _spreadFraction[s]);
            foreach (var (q, part) in _sparse.Concat(_dense).Zip(parts))
            {
                q.Source.Cost.AddTo(_expected, part.MeanEvents);
                _expected[(int)q.Source.DurationCause] += part.MeanEvents * part.MeanDuration;
            }
            return distribution;
        }

        /// <summary>
        /// The values of a rank's extra events from spread sources (each source adds one with
        /// probability its fractional part), one per combination, ascending, with their probabilities.
        /// </summary>
        private (double[] Values, double[] Probabilities) SpreadCombinations()
        {
            var combos = 1 << _spread.Count;
            var value = new double[combos];
            var probability = new double[combos];
            for (var m = 0; m < combos; m++)
            {
                probability[m] = 1;
                for (var s = 0; s < _spread.Count; s++)
                {
                    var on = (m >> s & 1) == 1;
                    probability[m] *= on ? _spreadFraction[s] : 1 - _spreadFraction[s];
                    if (on) value[m] += _spread[s].Cost.Total;
                }
            }
            Array.Sort(value, probability);
            return (value, probability);
        }

        public int Iterations { get; }
        public RandomStream Random { get; set; } = null!;

        /// <summary>Σ over iterations of the average rank's extra time, per cause (seconds).</summary>
        public double[] PerCause { get; } = new double[OverheadCauses.Count];

        public IEnumerable<Event> Body(Simulation sim)
        {
            var collective = SimTime.FromSeconds(_profile.CollectiveSeconds(_ranks));
            for (var i = 0; i < Iterations; i++)
            {
                var slowest = Iterate();
                yield return sim.Hold(SimTime.FromSeconds(_compute + slowest)); // compute phase of the slowest rank
                yield return sim.Hold(collective);
            }
        }

        /// <summary>One iteration's noise: adds the average rank's extra to <see cref="PerCause"/>, returns the slowest rank's extra.</summary>
        private double Iterate()
        {
            Array.Clear(_common);
            // Every rank: the whole periods of spread sources, and what synchronized sources do to all at once.
            for (var s = 0; s < _spread.Count; s++) _spread[s].Cost.AddTo(_common, _spreadBase[s]);
            foreach (var p in _synchronized)
            {
                var x = p.RateHz * _compute;
                var n = Math.Floor(x) + (Random.NextDouble() < x - Math.Floor(x) ? 1 : 0);
                p.Cost.AddTo(_common, n);
            }
            double common = 0;
            for (var c = 0; c < Causes; c++)
            {
                common += _common[c];
                PerCause[c] += _common[c];
            }
            if (_distribution is not null)
            {
                for (var c = 0; c < Causes; c++) PerCause[c] += _expected[c];
                return common + _distribution.SampleSlowest(Random, _ranks);
            }

            // Ranks hit by Poisson events, followed one by one.
            if (_dense.Count > 0)
            {
                _slots = _ranks;
                for (var r = 0; r < _ranks; r++)
                    foreach (var q in _dense)
                        AddEvents(r, q, Poisson.Sample(Random, q.Source.RatePerSecond * _compute));
            }
            foreach (var q in _sparse)
            {
                var events = Poisson.Sample(Random, _ranks * q.Source.RatePerSecond * _compute);
                for (var e = 0; e < events; e++) AddEvents(Slot((int)Random.NextBounded((ulong)_ranks)), q, 1);
            }
            Array.Clear(_sum);
            var slowest = 0.0;
            for (var slot = 0; slot < _slots; slot++)
            {
                var extra = _extra.AsSpan(slot * Causes, Causes);
                for (var s = 0; s < _spread.Count; s++)
                    if (Random.NextDouble() < _spreadFraction[s])
                    {
                        _spread[s].Cost.AddTo(extra);
                        _total[slot] += _spread[s].Cost.Total;
                    }
                slowest = Math.Max(slowest, _total[slot]);
                for (var c = 0; c < Causes; c++) _sum[c] += extra[c];
            }

            // The other ranks differ only in which spread sources give them an extra event.
            var others = _ranks - _slots;
            if (others > 0 && _spread.Count > 0) slowest = Math.Max(slowest, Unhit(others, _sum));
            for (var c = 0; c < Causes; c++) PerCause[c] += _sum[c] / _ranks;
            Array.Clear(_extra, 0, _slots * Causes);
            Array.Clear(_total, 0, _slots);
            if (_dense.Count == 0)
                for (var slot = 0; slot < _slots; slot++) _slotPlusOneOfRank[_rankOfSlot[slot]] = 0;
            _slots = 0;
            return common + slowest;
        }

        /// <summary>The slot of a rank hit by a sparse source (dense sources use slot = rank).</summary>
        private int Slot(int rank)
        {
            if (_dense.Count > 0) return rank;
            if (_slotPlusOneOfRank[rank] is var known and > 0) return known - 1;
            if (_slots == _total.Length) Grow(_slots * 2);
            _rankOfSlot[_slots] = rank;
            _slotPlusOneOfRank[rank] = _slots + 1;
            return _slots++;
        }

        private void Grow(int slots)
        {
            if (slots <= _total.Length) return;
            Array.Resize(ref _total, slots);
            Array.Resize(ref _rankOfSlot, slots);
            Array.Resize(ref _extra, slots * Causes);
        }

        private void AddEvents(int slot, PoissonTerm term, int count)
        {
            if (count == 0) return;
            var q = term.Source;
            q.Cost.AddTo(_extra.AsSpan(slot * Causes, Causes), count);
            var added = q.Cost.Total * count;
            if (q.DurationMedianSeconds > 0)
            {
                double durations = 0;
                for (var i = 0; i < count; i++) durations += LogNormal.Sample(Random, term.LogMedian, q.DurationLogSigma);
                _extra[slot * Causes + (int)q.DurationCause] += durations;
                added += durations;
            }
            _total[slot] += added;
        }

        /// <summary>A Poisson source with the log of its duration median, taken once rather than per event.</summary>
        private sealed class PoissonTerm(NoiseSource.Poisson source)
        {
            public NoiseSource.Poisson Source { get; } = source;
            public double LogMedian { get; } = source.DurationMedianSeconds > 0 ? Math.Log(source.DurationMedianSeconds) : 0;
        }

        /// <summary>
        /// The ranks without Poisson events: each spread source independently gives a rank an extra
        /// event with probability f_s. Their slowest extra is drawn from the distribution of the
        /// maximum over combinations; their sum is added to <paramref name="sum"/> — drawn rank by
        /// rank for a few ranks, its expectation for many.
        /// </summary>
        private double Unhit(int others, double[] sum)
        {
            if (others <= 64)
            {
                var slowest = 0.0;
                for (var r = 0; r < others; r++)
                {
                    var extra = 0.0;
                    for (var s = 0; s < _spread.Count; s++)
                        if (Random.NextDouble() < _spreadFraction[s])
                        {
                            _spread[s].Cost.AddTo(sum);
                            extra += _spread[s].Cost.Total;
                        }
                    slowest = Math.Max(slowest, extra);
                }
                return slowest;
            }
            for (var s = 0; s < _spread.Count; s++) _spread[s].Cost.AddTo(sum, others * _spreadFraction[s]);
            // P(slowest ≥ v) = 1 − (1 − P(a rank's combination is worth ≥ v))^others; draw it by inversion.
            var u = Random.NextDouble();
            double atLeast = 0;
            for (var m = _comboValues.Length - 1; m >= 0; m--)
            {
                atLeast += _comboProbabilities[m];
                if (u < 1 - Math.Pow(1 - Math.Min(atLeast, 1), others)) return _comboValues[m];
            }
            return 0;
        }
    }
}
