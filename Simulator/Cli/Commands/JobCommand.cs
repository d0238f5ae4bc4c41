using System.ComponentModel;
using NodeSim.Cli.Conventions;
using NodeSim.Reporting;
using NodeSim.Config;
using NodeSim.Engine;
using NodeSim.Files;
using NodeSim.Engine.Kinds;
using NodeSim.Models.Costs;
using NodeSim.Models.Isolation;
using NodeSim.Orchestration;
using NodeSim.Reporting.Campaigns;
using Spectre.Console;
using Spectre.Console.Cli;

namespace NodeSim.Cli.Commands;

/// <summary><c>nodesim job</c>: one job's slowdown under a stack, split by cause — a job scenario's run, reported by the metrics the job kind declares.</summary>
public sealed class JobCommand(Registries registries, AtomicFile files) : Command<JobCommand.Settings>
{
    public sealed class Settings : JsonSettings
    {
        [CommandOption("--profile <NAME>")]
        [Description("What the job does: {profiles}.")]
        public string? Profile { get; init; }

        [CommandOption("--ranks <N>")]
        [Description("Ranks, one per core (default {job.ranks}).")]
        public string? Ranks { get; init; }

        [CommandOption("--stack <STACK,...>")]
        [Description("The isolation stack: {stacks}; several, separated by commas, are each compared with the first (or --compare-to).")]
        public string? Stack { get; init; }

        [CommandOption("--compare-to <STACK>")]
        [Description("With several stacks: the one every other is compared with, paired by replica (default: the first).")]
        public string? CompareTo { get; init; }

        [CommandOption("--replications <N>")]
        [Description("Runs per stack, replica 0 on --seed, the others on seeds derived from it, the same under every stack so that stacks pair by replica; 2 or more give 95% intervals.")]
        [DefaultValue(1)]
        public int Replications { get; init; } = 1;

        [CommandOption("--preset <NAME>")]
        [Description("The node's SoC: {presets} (default {job.preset}).")]
        public string? Preset { get; init; }

        [CommandOption("--inject-noise <SPEC>")]
        [Description("Add periodic noise: FREQUENCY:DURATION[[:sync]], e.g. 10hz:2500us (random phase per rank) or 10hz:2500us:sync.")]
        public string? InjectNoise { get; init; }

        [CommandOption("--interconnect <NAME>")]
        [Description("The network between nodes: {interconnects} (default {job.interconnect}). hpc: LogGOPSim's LogGP defaults, polled; polled: NodeSim's earlier model (o = 0, 10 µs per message); ib-qdr: measured QDR InfiniBand; gige-tcp: 1 GbE, kernel TCP, an interrupt per message.")]
        public string? Interconnect { get; init; }

        [CommandOption("--window <SECONDS>")]
        [Description("Simulated time of the job's window (default {job.window_s} s).")]
        public string? Window { get; init; }

        [CommandOption("--housekeeping <HOW>")]
        [Description("How the job pays for a stack's housekeeping cores: more_nodes or spread (default {job.housekeeping}).")]
        public string? Housekeeping { get; init; }

        [CommandOption("--noise-trace <FILE>")]
        [Description("Replay a measured noise trace (nodesim noise probe's, a CSV core,start_ns,duration_ns, or LogGOPSim's) on the kernel's cores.")]
        public string? NoiseTrace { get; init; }

        [CommandOption("--noise-mapping <HOW>")]
        [Description("How the trace's cores map onto the ranks' (rank r takes measured core r mod M): independent (each from a random point, cyclically; default), coscheduled (all from one point) or aligned (from the start).")]
        public string? NoiseMapping { get; init; }

        [CommandOption("--noise-mode <MODE>")]
        [Description("replace (default): the trace is the kernel's noise, instead of its tick and daemons; add: beside them.")]
        public string? NoiseMode { get; init; }

        [CommandOption("--noise-on <KERNEL>")]
        [Description("The kernel whose cores replay the trace: primary (default; on bare metal the one that runs the ranks) or guest.")]
        public string? NoiseOn { get; init; }

        [CommandOption("--dump-noise <DIR>")]
        [Description("Write every detour the window simulated, per core: DIR/noise.csv (NodeSim's format) and DIR/loggopsim/rank-N.txt (LogGOPSim's). DIR must be new or empty.")]
        public string? DumpNoise { get; init; }

        [CommandOption("--seed <SEED>")]
        [Description("Seed of every noise source (ticks, daemons, interrupts); replica 0 runs on it, the others on seeds derived from it, the same under every stack.")]
        [DefaultValue(1UL)]
        public ulong Seed { get; init; } = 1;

        public override ValidationResult Validate() =>
            Replications is < 1 or > CampaignLimits.MaxReplications
                ? ValidationResult.Error($"--replications must be between 1 and {CampaignLimits.MaxReplications}") : ValidationResult.Success();
    }

    /// <summary>What a comparison of job windows shows: the slowdown, and the node-seconds that pay for a housekeeping core.</summary>
    private static readonly IReadOnlyList<SummaryColumn> ComparedColumns = [new("overhead_pct", "overhead (%)"), new("node_seconds_ratio", "node-seconds / ideal")];

    public override int Execute(CommandContext context, Settings s, CancellationToken cancellationToken)
    {
        var models = registries.Models;
        var kind = new JobKind(models);
        // The options are a job scenario's parameters: bound and resolved by the job kind, as a campaign's are.
        var stacks = Choices.Stacks(models, s.Stack ?? throw new UserInputException($"--stack is required; choose from: {string.Join(", ", models.Stacks.Names)}"));
        if (MeasuredNoiseOption.Of(s.NoiseTrace, s.NoiseMapping, s.NoiseMode, s.NoiseOn) is { } measured)
        {
            stacks = [.. stacks.Select(measured.Apply)];
            Terminal.Note($"the {measured.Kernel} kernel's cores replay {s.NoiseTrace} ({measured.Describe})");
        }
        if (s.DumpNoise is not null && (stacks.Count > 1 || s.Replications > 1))
            throw new UserInputException("--dump-noise writes one window's noise: give one stack and one replication");
        if (s.DumpNoise is not null) NoiseDump.Check(s.DumpNoise);
        var reference = StackComparisons.Reference([.. stacks.Select(x => x.Name)], s.CompareTo);
        var options = new KindOptions(kind, models)
            .Set("profile", "--profile", s.Profile).Set("ranks", "--ranks", s.Ranks).Set("inject_noise", "--inject-noise", s.InjectNoise)
            .Set("window_s", "--window", s.Window).Set("preset", "--preset", s.Preset).Set("interconnect", "--interconnect", s.Interconnect).Set("housekeeping", "--housekeeping", s.Housekeeping);
        if (stacks.Count > 1 || s.Replications > 1) return Compare(s, kind, options, stacks, reference);
        var stack = stacks[0];
        var work = (JobWork)options.Resolve(stack, s.Seed);
        var (profile, soc, noise, network) = (work.Request.Profile, work.Request.Soc, work.Request.Injected, work.Request.Network);
        // A window of many ranks runs for minutes: after a second, its progress shows.
        var dump = s.DumpNoise is null ? null : new NoiseDump(work.Request.Ranks);
        var r = ProgressDisplay.Fraction($"{work.Request.Profile.Name} on {work.Request.Ranks:N0} ranks under {stack.Name}",
            progress => JobExecution.Run(work.Request, new RunContext(), progress, dump is null ? null : dump.Record))
            .Placed(Placement.Of(work.Housekeeping, work.Request.Ranks, stack, work.Request.Soc));
        if (dump is not null) dump.Write(files, s.DumpNoise!, $"{profile.Name} on {work.Request.Ranks:N0} ranks under {stack.Name}, seed {s.Seed}", r.SimulatedSeconds);
        var metrics = kind.Measure(r);
        if (s.Json)
        {
            var json = new Dictionary<string, object?>
            {
                ["profile"] = profile.Name, ["stack"] = stack.Name, ["ranks"] = work.Request.Ranks, ["preset"] = soc.Name, ["interconnect"] = network.Name,
                ["housekeeping"] = work.Housekeeping.Name(), ["seed"] = s.Seed,
                ["inject_noise"] = noise is null ? null : new { frequency_hz = noise.FrequencyHz, duration_s = noise.DurationSeconds, synchronized = noise.Synchronized },
            };
            foreach (var (key, value) in MetricJson.Of(kind.Metrics, metrics.Select(m => m.Value))) json[key] = value;
            json["iterations"] = r.Iterations;
            Terminal.WriteJson(json);
            return ExitCodes.Success;
        }
        var t = new Table().Title(Terminal.Cell($"{profile.Name} on {work.Request.Ranks:N0} ranks under {stack.Name} ({soc.Name})"))
            .AddColumn("cause").AddColumn(new TableColumn("% of ideal time").RightAligned()).AddColumn("what it is");
        foreach (var c in OverheadCauses.All)
        {
            t.AddRow(OverheadCauses.Key(c), NumberText.Number(r.LedgerPct[c]), Terminal.Cell(OverheadCauses.Description(c)));
            if (c != OverheadCause.CollectiveAmplification) continue;
            // The amplification by the cause of the detours on the critical path: indented, as parts of the line above.
            foreach (var n in OverheadCauses.Noise.Where(n => Math.Abs(r.AmplificationPct[n]) >= 5e-4))
                t.AddRow($"  of {OverheadCauses.Key(n)}", $"[dim]{NumberText.Number(r.AmplificationPct[n])}[/]", Terminal.Cell($"… made of {OverheadCauses.Description(n)}"));
        }
        t.AddRow("[bold]slowdown[/]", $"[bold]{NumberText.Number(r.SlowdownPct)}[/]", "the sum of the above");
        Terminal.Out.Write(t);
        Terminal.Out.MarkupLine($"per second, all ranks: {string.Join(", ", Counters.All.Select(c => $"{r.Rate(c):N0} {Counters.Key(c).Replace('_', ' ')}"))}; " +
                                $"{r.Iterations:N0} iterations ({r.SimulatedSeconds:F2} s) simulated");
        // Where a stack keeps housekeeping cores, what they cost the job besides its slowdown, by the accounting chosen.
        if (r.Placement is { } placed && stack.HousekeepingCores > 0)
            Terminal.Out.MarkupLine(Terminal.Cell($"housekeeping cores ({work.Housekeeping.Name()}): {placed.Nodes:N0} nodes (the ideal machine's {placed.IdealNodes:N0})" +
                                                  (placed.Stretch > 1 ? $", work spread × {placed.Stretch:F3}" : "") +
                                                  $"; node-seconds {r.NodeSecondsRatio:F3} × the ideal machine's"));
        return ExitCodes.Success;
    }

    /// <summary>Several stacks, or several replicas: each stack's mean ledger with intervals, then each against the reference, paired by replica.</summary>
    private static int Compare(Settings s, JobKind kind, KindOptions options, IReadOnlyList<IsolationStack> stacks, string? reference)
    {
        var works = stacks.Select(stack => Enumerable.Range(0, s.Replications).Select(r => (JobWork)options.Resolve(stack, StackComparisons.ReplicaSeed(s.Seed, r))).ToList()).ToList();
        var request = works[0][0].Request;
        var total = stacks.Count * s.Replications;
        var runs = ProgressDisplay.Fraction($"{request.Profile.Name} on {request.Ranks:N0} ranks × {total} runs", progress => works.Select((replicas, si) =>
            new StackRuns(stacks[si].Name, [.. replicas.Select((work, r) => kind.Measure(JobExecution.Run(work.Request, new RunContext(),
                    f => progress((si * s.Replications + r + f) / total))
                .Placed(Placement.Of(work.Housekeeping, work.Request.Ranks, work.Request.Stack, work.Request.Soc))))])).ToList());
        var metrics = kind.Metrics;
        if (s.Json)
        {
            Terminal.WriteJson(new
            {
                profile = request.Profile.Name, ranks = request.Ranks, preset = request.Soc.Name, interconnect = request.Network.Name,
                housekeeping = works[0][0].Housekeeping.Name(), seed = s.Seed, replications = s.Replications,
                inject_noise = request.Injected is { } noise ? new { frequency_hz = noise.FrequencyHz, duration_s = noise.DurationSeconds, synchronized = noise.Synchronized } : null,
                stacks = runs.Select(r => r.Json(metrics)),
                comparison = reference is null ? null : StackComparisons.Json(metrics, runs, reference),
            });
            return ExitCodes.Success;
        }
        var n = s.Replications;
        var t = new Table().Title(Terminal.Cell($"{request.Profile.Name}, {request.Ranks:N0} ranks ({request.Soc.Name}): % of ideal time" +
                                                (n > 1 ? $", ± 95% CI of {n}" : ", one replication")))
            .AddColumn("cause");
        foreach (var r in runs) t.AddColumn(new TableColumn(Terminal.Cell(r.Stack)).RightAligned());
        int At(string metric) => metrics.ToList().FindIndex(m => m.Name == metric);
        // The ledger's causes that any stack pays, then the slowdown they sum to and the node-seconds the job consumes.
        foreach (var c in OverheadCauses.All.Where(c => runs.Any(r => Math.Abs(r.Estimate(At(Ledgers.Column(c))).Mean) >= 5e-4)))
            t.AddRow([OverheadCauses.Key(c).Replace('_', ' '), .. runs.Select(r => SummaryMarkdown.Estimate(r.Estimate(At(Ledgers.Column(c)))))]);
        t.AddRow(["[bold]slowdown[/]", .. runs.Select(r => $"[bold]{SummaryMarkdown.Estimate(r.Estimate(At("overhead_pct")))}[/]")]);
        t.AddRow(["node-seconds / ideal", .. runs.Select(r => SummaryMarkdown.Estimate(r.Estimate(At("node_seconds_ratio"))))]);
        Terminal.Out.Write(t);
        if (reference is not null) Terminal.Out.Write(StackComparisons.Table(metrics, ComparedColumns, runs, reference));
        if (n == 1) Terminal.Note("one replication: no intervals; --replications 2 or more gives them");
        return ExitCodes.Success;
    }
}