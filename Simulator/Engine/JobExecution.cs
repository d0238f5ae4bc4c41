using System.Globalization;
using NodeSim.Engine.Execution;
using NodeSim.Models.Network;
using NodeSim.Models;
using NodeSim.Models.Isolation;
using NodeSim.Models.Soc;
using NodeSim.Models.Workloads;
using NodeSim.Models.Costs;

namespace NodeSim.Engine;

/// <summary>A job to execute: a profile on R ranks under a stack, on a SoC, with optional injected noise.</summary>
/// <param name="WindowSeconds">Simulated time per window, on the stack: iterations run until it has passed (at least 5, at most 20,000).</param>
/// <param name="Interconnect">The network between nodes (null: <see cref="Interconnects.Hpc"/>, the default).</param>
public sealed record JobExecutionRequest(JobProfile Profile, IsolationStack Stack, int Ranks, SocPreset Soc,
    InjectedNoise? Injected = null, ulong Seed = 1, double WindowSeconds = 2.0, Interconnect? Interconnect = null)
{
    /// <summary>The network between nodes this job uses.</summary>
    public Interconnect Network => Interconnect ?? Interconnects.Hpc;
}

/// <summary>
/// How much slower the job runs than on the ideal machine, and why. The ledger's parts sum to the
/// slowdown: translation is the extra cycles of the job's own memory accesses. The rest is the
/// lateness of the critical path through every rank's detours, split by the causes of the detours
/// on it; of each cause's share, what the average rank's own timeline lost to that cause (detours
/// that landed while it computed, sent or received — not those absorbed while it waited) is booked
/// to the cause, and the excess to collective amplification, which <see cref="AmplificationPct"/>
/// splits by cause.
/// </summary>
/// <param name="SlowdownPct">(time on the stack / time on the ideal machine − 1) × 100.</param>
/// <param name="LedgerPct">Per cause, in percent of the ideal time; sums to <paramref name="SlowdownPct"/>.</param>
/// <param name="AmplificationPct">Collective amplification split by the noise cause of the detours on the critical path
/// (percent of the ideal time, each ≥ 0; they sum to the ledger's <see cref="OverheadCause.CollectiveAmplification"/>).</param>
/// <param name="TranslationFactor">Compute time on this stack's memory translation / on the ideal machine.</param>
/// <param name="PerSecond">Each counter per second of job time, all ranks together, indexed by <see cref="Counter"/>: counted from the
/// window's detours and the messages between nodes.</param>
/// <param name="Iterations">Iterations simulated.</param>
public sealed record JobExecutionResult(double SlowdownPct, IReadOnlyDictionary<OverheadCause, double> LedgerPct,
    IReadOnlyDictionary<OverheadCause, double> AmplificationPct, double TranslationFactor, IReadOnlyList<double> PerSecond,
    int Iterations, double SimulatedSeconds)
{
    /// <summary>Events of <paramref name="counter"/> per second of job time, all ranks together.</summary>
    public double Rate(Counter counter) => PerSecond[(int)counter];

    public double Factor => 1 + SlowdownPct / 100;

    /// <summary>Where the job ran (its nodes against the ideal machine's), once placed (<see cref="Placed"/>); null for a bare window.</summary>
    public Placement? Placement { get; init; }

    /// <summary>
    /// The same execution placed as <paramref name="placement"/> says: a job spread over fewer cores than it has ranks runs
    /// <see cref="Placement.Stretch"/> times longer, booked to <see cref="OverheadCause.HousekeepingCores"/>.
    /// </summary>
    public JobExecutionResult Placed(Placement placement)
    {
        if (placement.Stretch == 1) return this with { Placement = placement };
        var factor = Factor * placement.Stretch;
        var ledger = new Dictionary<OverheadCause, double>(LedgerPct) { [OverheadCause.HousekeepingCores] = 100 * (factor - Factor) };
        // A new record, not `with`: the per-cause lists are computed when a result is made.
        return new JobExecutionResult(100 * (factor - 1), ledger, AmplificationPct, TranslationFactor, PerSecond, Iterations, SimulatedSeconds) { Placement = placement };
    }

    /// <summary>Node-seconds the placed job consumes over what it would on the ideal machine (nodes × time against the ideal's).</summary>
    public double NodeSecondsRatio => Placement?.NodeSecondsRatio(Factor) ?? Factor;

    /// <summary>The ledger indexed by <see cref="OverheadCause"/>: one list that every job row of this execution shares.</summary>
    public IReadOnlyList<double> LedgerByCause { get; } = [.. OverheadCauses.All.Select(c => LedgerPct[c])];

    /// <summary>The amplification's split indexed by <see cref="OverheadCause"/> (0 for translation and amplification itself).</summary>
    public IReadOnlyList<double> AmplificationByCause { get; } = [.. OverheadCauses.All.Select(c => AmplificationPct.GetValueOrDefault(c))];
}

/// <summary>
/// Simulates a window of a job's execution at the level of events (<see cref="BulkSynchronousWindow"/>):
/// ranks on the cores of the SoC's nodes, one per core, compute the profile's iterations (inflated
/// by the SoC characterisation for the stack's page sizes and stage 2) and synchronise in its
/// collective, while each core's noise sources — ticks with a phase per core, daemons, device
/// interrupts, forced exits, injections — take the core at their wall-clock times.
/// </summary>
/// <remarks>
/// Semantics kept explicit: injected noise has an independent random phase per core unless
/// synchronised (one phase for every core of the job); a kernel's own tick has a phase per core;
/// an interruption's cache/TLB pollution is charged as core time right after its handler; messages
/// cost what the interconnect's LogGP parameters and, when interrupt-driven, the stack's message path
/// say, their overheads on the cores. A barrier is the dissemination pattern (Hensgen, Finkel and
/// Manber 1988); an allreduce runs the algorithm its profile names or MPICH would pick.
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
    /// <param name="progress">Hears how far the window got, from 0 to 1, now and then (a long window's progress display).</param>
    /// <param name="recordDetour">Hears every detour of every rank's core (core, start, length in ns), runs built past the window included.</param>
    public static JobExecutionResult Run(JobExecutionRequest request, RunContext context, Action<double>? progress = null, Action<int, long, long>? recordDetour = null)
    {
        var (profile, stack, ranks, soc) = (request.Profile, request.Stack, request.Ranks, request.Soc);
        profile.Validate();
        stack.Validate();
        if (ranks < 1) throw new ArgumentOutOfRangeException(nameof(request), ranks, "a job has at least one rank");
        if (!(request.WindowSeconds > 0)) throw new ArgumentOutOfRangeException(nameof(request), request.WindowSeconds, "the window must last a positive time");

        var network = request.Network;
        network.Validate();
        var coresPerNode = stack.RankCores(soc);
        if (coresPerNode < 1) throw new UserInputException($"stack '{stack.Name}' keeps every core of {soc.Name} for housekeeping: none is left for ranks");
        var translation = context.TranslationFactor(profile, stack, soc);
        var sources = stack.NoiseSources(profile, soc, request.Injected, network).Select(DetourSource.From).ToList();
        var idealComputeNs = Nanoseconds(profile.IterationSeconds);
        var computeNs = Nanoseconds(profile.IterationSeconds * translation);
        var ioCoreRunsRank = stack.HousekeepingCores == 0;
        var costs = new MessageCosts(network, bytes => stack.MessagePath(network, (int)Math.Min(bytes, int.MaxValue), soc), ioCoreRunsRank);
        var idealCosts = new MessageCosts(network, _ => MessagePath.Free, ioCoreRunsRank: false);
        var windowNs = Nanoseconds(request.WindowSeconds);

        IJobWindow window;
        long ideal;
        if (LabelFront(profile, ranks, coresPerNode, costs) is { } recursiveDoubling)
        {
            // Recursive doubling on a power of two, or a barrier: the sparse label front (BulkSynchronousWindow).
            var stages = Stages(profile, ranks, coresPerNode, costs, idealCosts);
            var relay = stages.Select(s => s.RelayNs).ToArray();
            var labels = new BulkSynchronousWindow(ranks, computeNs, [.. stages.Select(s => s.WireNs)], recursiveDoubling, windowNs, MinIterations, MaxIterations,
                sources, request.Seed, coresPerNode: coresPerNode, relay: relay, relayMakeup: RelayMakeup(costs, StageBytes(profile), coresPerNode),
                recordDetour: recordDetour, sendNs: [.. stages.Select(s => s.SendNs)], receiveNs: [.. stages.Select(s => s.ReceiveNs)],
                crossing: [.. stages.Select(s => s.Crossing)]);
            labels.Run(progress);
            window = labels;
            ideal = labels.Iterations * (idealComputeNs + stages.Sum(s => s.IdealNs));
        }
        else
        {
            var schedule = new CommunicationSchedule(profile, ranks, coresPerNode);
            var messages = new ScheduleWindow(schedule, costs, ranks, coresPerNode, computeNs, windowNs, MinIterations, MaxIterations, sources, request.Seed,
                relays: ioCoreRunsRank, recordDetour);
            messages.Run(progress);
            messages.SetNominal(ScheduleWindow.NoiseFreeEnd(schedule, costs, ranks, coresPerNode, computeNs, messages.Iterations));
            window = messages;
            ideal = ScheduleWindow.NoiseFreeEnd(schedule, idealCosts, ranks, coresPerNode, idealComputeNs, messages.Iterations);
        }
        var iterations = window.Iterations;

        double Pct(double ns) => 100 * ns / ideal;
        var slowdown = Pct(window.EndNs - ideal);
        var ledger = OverheadCauses.All.ToDictionary(c => c, _ => 0.0);
        var translationNs = (double)iterations * (computeNs - idealComputeNs);
        ledger[OverheadCause.Translation] = Pct(translationNs);
        // The stack's message path lies on the critical path of every message between nodes: what the noise-free schedule takes
        // beyond the ideal machine's, less translation, split by the path's steps' costs.
        var path = stack.MessagePath(network, MainMessageBytes(profile), soc).Total;
        var pathNs = window.NominalEndNs - ideal - translationNs;
        if (path.Total > 0 && pathNs > 0)
            foreach (var cause in OverheadCauses.All)
                ledger[cause] += Pct(pathNs * path[cause] / path.Total);
        // The job lost to each cause what the critical path's lateness is made of. The part of it up to what the
        // average rank's own timeline lost to that cause is direct; the rest is collective amplification. (When
        // the collectives absorbed more of a cause than the critical path kept, all of it is direct.)
        var amplification = new Dictionary<OverheadCause, double>();
        var latest = window.CriticalMakeup();
        foreach (var cause in NoiseCauses.All)
        {
            var slot = NoiseCauses.Slot(cause);
            var critical = latest[slot] * (double)window.CriticalLatenessNs;
            var direct = Math.Min(window.OwnLossNs[slot] / ranks, critical);
            ledger[cause] += Pct(direct);
            amplification[cause] = Pct(critical - direct);
        }
        // Amplification is what remains, so the parts sum to the slowdown exactly; its split by cause agrees with it up to
        // the rounding of the make-up fractions (single precision, ~1e-7 of the critical path's lateness).
        ledger[OverheadCause.CollectiveAmplification] = slowdown - ledger.Where(kv => kv.Key != OverheadCause.CollectiveAmplification).Sum(kv => kv.Value);

        var seconds = window.EndNs / 1e9;
        // Detours counted in the window, and the operations of the messages between nodes.
        var counts = window.Cores.Counts.Select(c => (double)c).ToArray();
        foreach (var counter in Counters.Operations)
            counts[(int)counter] += (double)window.MessagesBetweenNodes * path.Count(counter);
        return new JobExecutionResult(slowdown, ledger, amplification, translation, [.. counts.Select(c => c / seconds)], iterations, seconds);
    }

    /// <summary>The size of the profile's messages that the ledger's path split and the counters are taken at: its halo's, else its collective's.</summary>
    private static int MainMessageBytes(JobProfile profile) => profile.HasHalo ? profile.HaloBytes : profile.CollectiveBytes;

    /// <summary>
    /// Whether the sparse label front (<see cref="BulkSynchronousWindow"/>) runs this job, and then with recursive doubling
    /// (true) or the dissemination pattern (false); null: the message-level window (<see cref="ScheduleWindow"/>). The front
    /// takes a collective after every iteration and no halo, and gives a stage one latency for all its pairs. It is exact for
    /// recursive doubling on a power of two when a node's ranks are a power of two too (a stage's pairs are then all within
    /// or all between nodes), and for a barrier when a message costs the same wherever it goes. On nodes of three ranks
    /// (tuned Linux) it also runs recursive doubling when messages between nodes differ from those within one only in their
    /// latency (no message path, no relay): a stage with any pair crossing nodes takes the latency between them, which a
    /// test bounds against the message-level window on the same detours.
    /// </summary>
    private static bool? LabelFront(JobProfile profile, int ranks, int coresPerNode, MessageCosts costs)
    {
        if (profile.HasHalo || profile.CollectiveEvery != 1) return null;
        if (profile.Collective == Collective.Barrier) return costs.Uniform(0) ? false : null;
        var algorithm = AllreduceSelection.Choose(profile.Allreduce, profile.CollectiveBytes, ranks, profile.AllreduceShortBytes);
        var bytes = profile.CollectiveBytes;
        static bool PowerOfTwo(int n) => (n & (n - 1)) == 0;
        if (algorithm != AllreduceAlgorithm.RecursiveDoubling || !PowerOfTwo(ranks) || costs.GapBinds(bytes)) return null;
        var latencyOnly = costs.SendNs(true, bytes) == costs.SendNs(false, bytes) && costs.ReceiveNs(true, bytes) == costs.ReceiveNs(false, bytes)
                          && costs.RelaySendNs(bytes) == 0 && costs.RelayReceiveNs(bytes) == 0;
        return PowerOfTwo(coresPerNode) || latencyOnly ? true : null;
    }

    /// <summary>One stage of the label front's collective.</summary>
    /// <param name="Between">Whether any of its messages crosses nodes (else they all go through the node's shared memory).</param>
    /// <param name="Crossing">How many of its R messages cross nodes (for the counters).</param>
    /// <param name="SendNs">Each rank's CPU time before its message leaves.</param>
    /// <param name="WireNs">From departure to arrival.</param>
    /// <param name="ReceiveNs">Each rank's CPU time once its partner's message is in.</param>
    /// <param name="IdealNs">The stage on the ideal machine (no message path).</param>
    /// <param name="RelayNs">How long the first core of each node is held relaying the node's other messages (0: not at all).</param>
    private sealed record StagePlan(bool Between, int Crossing, long SendNs, long WireNs, long ReceiveNs, long IdealNs, long RelayNs);

    /// <summary>Bytes of a message of the label front's collective: none for a barrier.</summary>
    private static long StageBytes(JobProfile profile) => profile.Collective == Collective.Barrier ? 0 : profile.CollectiveBytes;

    /// <summary>
    /// The label front's stages. Ranks fill nodes in order, <paramref name="coresPerNode"/> to a node; a stage none of whose
    /// messages crosses nodes goes through shared memory.
    /// </summary>
    private static List<StagePlan> Stages(JobProfile profile, int ranks, int coresPerNode, MessageCosts costs, MessageCosts idealCosts)
    {
        var bytes = StageBytes(profile);
        var plan = new List<StagePlan>();
        for (var s = 0; s < CollectiveStages(ranks); s++)
        {
            var crossing = CrossingMessages(profile.Collective == Collective.Allreduce, ranks, coresPerNode, 1 << s);
            var between = crossing > 0;
            // The front runs a relay only where every message of a stage between nodes crosses (LabelFront): R − R/c of them are not the I/O core's own.
            var relay = between ? (coresPerNode - 1) * (costs.RelaySendNs(bytes) + costs.RelayReceiveNs(bytes)) : 0;
            plan.Add(new StagePlan(between, crossing, costs.SendNs(between, bytes), costs.WireNs(between, bytes), costs.ReceiveNs(between, bytes),
                idealCosts.SendNs(between, bytes) + idealCosts.WireNs(between, bytes) + idealCosts.ReceiveNs(between, bytes), relay));
        }
        return plan;
    }

    /// <summary>How many messages of a stage with step <paramref name="step"/> cross nodes (ranks fill nodes of <paramref name="coresPerNode"/> in order).</summary>
    private static int CrossingMessages(bool recursiveDoubling, int ranks, int coresPerNode, int step)
    {
        var crossing = 0;
        for (var r = 0; r < ranks; r++)
        {
            var partner = recursiveDoubling ? r ^ step : (r + step) % ranks;
            if (r / coresPerNode != partner / coresPerNode) crossing++;
        }
        return crossing;
    }

    /// <summary>Stages of a recursive-doubling or dissemination collective on <paramref name="ranks"/> ranks: ⌈log₂ R⌉.</summary>
    public static int CollectiveStages(int ranks) => ranks <= 1 ? 0 : (int)Math.Ceiling(Math.Log2(ranks));

    /// <summary>What a stage's relay on a node's first core is made of (ns by cause slot), for the <paramref name="coresPerNode"/> − 1 other ranks' messages.</summary>
    private static float[] RelayMakeup(MessageCosts costs, long bytes, int coresPerNode)
    {
        var perNs = costs.RelayMakeupPerNs(bytes);
        var ns = (coresPerNode - 1) * (costs.RelaySendNs(bytes) + costs.RelayReceiveNs(bytes));
        return [.. perNs.Select(f => f * ns)];
    }

    /// <summary>
    /// The same cores' detours over <paramref name="seconds"/> with no job to hold up: every busy run
    /// built, nothing else. The baseline <c>nodesim bench job</c> sets a window's cost against.
    /// </summary>
    /// <returns>Detours generated.</returns>
    public static long NoiseAlone(JobExecutionRequest request, double seconds)
    {
        var sources = request.Stack.NoiseSources(request.Profile, request.Soc, request.Injected).Select(DetourSource.From).ToList();
        var cores = new CoreTimelines(sources, request.Ranks, request.Seed);
        var end = Nanoseconds(seconds);
        for (var core = 0; core < request.Ranks; core++)
            while (cores.RunStart[core] < end) cores.Advance(core);
        cores.UncountFrom(end);
        return cores.Counts[(int)Counter.Detours];
    }

    /// <summary>Iterations a window simulates at least (long iterations) and at most (short ones).</summary>
    public const int MinIterations = 5, MaxIterations = 20_000;

    /// <summary>
    /// Why a window of <paramref name="windowSeconds"/> cannot be what it says for <paramref name="profile"/>, or null: one that
    /// holds more than <see cref="MaxIterations"/> iterations would be cut short, its results those of a shorter window.
    /// </summary>
    public static string? WindowProblem(JobProfile profile, double windowSeconds)
    {
        var iterations = windowSeconds / profile.IterationSeconds;
        // A window runs whole periods of collective_every iterations (at least one, even past its time); one longer than the most
        // iterations a window simulates cannot be run.
        if (profile.CollectiveEvery > MaxIterations)
            return string.Create(CultureInfo.InvariantCulture,
                $"{profile.Name} synchronises globally every {profile.CollectiveEvery:N0} iterations, and a window runs whole periods of at most {MaxIterations:N0} iterations in all: give collective_every at most {MaxIterations:N0}");
        return iterations <= MaxIterations ? null : string.Create(CultureInfo.InvariantCulture,
            $"{windowSeconds:G6} s holds {iterations:N0} iterations of {profile.Name} ({profile.IterationSeconds:G4} s of compute each), and a window simulates at most {MaxIterations:N0} ({MaxIterations * profile.IterationSeconds:G4} s of {profile.Name}): give at most that, and replicas for more samples");
    }

    private static long Nanoseconds(double seconds) => (long)Math.Round(seconds * 1e9);
}
