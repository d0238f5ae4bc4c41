using System.ComponentModel;
using NodeSim.Cli.Conventions;
using NodeSim.Config;
using NodeSim.Engine;
using NodeSim.Engine.Kinds;
using NodeSim.Files;
using NodeSim.Models.Isolation;
using NodeSim.Orchestration;
using NodeSim.Reporting;
using NodeSim.Reporting.Campaigns;
using NodeSim.Traces.Sources;
using Spectre.Console;
using Spectre.Console.Cli;

namespace NodeSim.Cli.Commands;

/// <summary><c>nodesim replay</c>: a batch workload on a cluster under a queue policy and a backfilling variant.</summary>
public sealed class ReplayCommand(Registries registries, AtomicFile files) : Command<ReplayCommand.Settings>
{
    private readonly ReplayKind _kind = new(registries.Models);

    public sealed class Settings : JsonSettings
    {
        [CommandOption("--trace <TRACE>")]
        [Description("An SWF file (.swf, .swf.gz) or a generator, e.g. synthetic:hpc?jobs=10000&nodes=256&seed=1.")]
        public string? Trace { get; init; }

        [CommandOption("--policy <NAME>")]
        [Description("Queue order: {policies} (default {replay.policy}).")]
        public string? Policy { get; init; }

        [CommandOption("--backfill <NAME>")]
        [Description("Backfilling: {backfills} (default {replay.backfill}; greedy is the RLScheduler artifact's).")]
        public string? Backfill { get; init; }

        [CommandOption("--nodes <N>")]
        [Description("Cluster size in nodes (default: the trace's MaxNodes, or the generator's nodes).")]
        public string? Nodes { get; init; }

        [CommandOption("--estimate <ESTIMATE>")]
        [Description("What decisions use as run time: requested (the job's request, or its run time when unknown) or runtime (exact); default {replay.estimate}.")]
        public string? Estimate { get; init; }

        [CommandOption("--bound <SECONDS>")]
        [Description("τ of the bounded slowdown max(1, turnaround / max(run, τ)).")]
        [DefaultValue(10.0)]
        public double Bound { get; init; } = 10;

        [CommandOption("--protocol <NAME>")]
        [Description("rlscheduler: the RLScheduler (SC'20) protocol — 10 windows of 1,024 jobs, mean bounded slowdown and utilisation.")]
        public string? Protocol { get; init; }

        [CommandOption("--lenient")]
        [Description("Skip malformed SWF lines (and count them) instead of stopping at the first.")]
        public bool Lenient { get; init; }

        [CommandOption("--stack <STACK,...>")]
        [Description("Isolation stacks to compare, comma-separated, from {stacks}. Jobs run one rank per core of their nodes.")]
        public string? Stack { get; init; }

        [CommandOption("--compare-to <STACK>")]
        [Description("With several stacks: the one every other is compared with, paired by replica (default: the first).")]
        public string? CompareTo { get; init; }

        [CommandOption("--replications <N>")]
        [Description("Replays per stack, replica 0 on --seed, the others on seeds derived from it, the same under every stack so that stacks pair by replica (a generated trace is drawn anew per replica); 2 or more give 95% intervals.")]
        [DefaultValue(1)]
        public int Replications { get; init; } = 1;

        [CommandOption("--mix <NAME>")]
        [Description("What the jobs do, for --stack: default ({default-mix}, drawn per job) or one profile for every job: {profiles}.")]
        public string? Mix { get; init; }

        [CommandOption("--preset <NAME>")]
        [Description("The nodes' SoC, for --stack: {presets} (default {replay.preset}).")]
        public string? Preset { get; init; }

        [CommandOption("--interconnect <NAME>")]
        [Description("The network between nodes, for --stack: {interconnects} (default {replay.interconnect}).")]
        public string? Interconnect { get; init; }

        [CommandOption("--window <SECONDS>")]
        [Description("Simulated time of each job window that gives a job its slowdown, for --stack (default {replay.window_s} s).")]
        public string? Window { get; init; }

        [CommandOption("--housekeeping <HOW>")]
        [Description("How a job pays for a stack's housekeeping cores, for --stack: more_nodes or spread (default {replay.housekeeping}).")]
        public string? Housekeeping { get; init; }

        [CommandOption("--seed <SEED>")]
        [Description("Seed of the workload mix and the job-execution noise, and of a generator that names no seed of its own.")]
        [DefaultValue(1UL)]
        public ulong Seed { get; init; } = 1;

        [CommandOption("--jobs-csv <FILE>")]
        [Description("Also write one row per job (times, slowdowns) to this CSV file.")]
        public string? JobsCsv { get; init; }

        [CommandOption("--force")]
        [Description("Replace the --jobs-csv file when it exists.")]
        public bool Force { get; init; }


        public override ValidationResult Validate() =>
            !(Bound > 0) ? ValidationResult.Error("--bound must be a positive number of seconds")
            : Replications is < 1 or > CampaignLimits.MaxReplications ? ValidationResult.Error($"--replications must be between 1 and {CampaignLimits.MaxReplications}")
            : ValidationResult.Success();
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var models = registries.Models;
        if (settings.JobsCsv is not null) UserFile.Check(settings.JobsCsv, settings.Force, "--jobs-csv");
        // The options are a replay scenario's parameters: bound and resolved by the replay kind, as a campaign's are.
        var options = new KindOptions(_kind, models)
            .Set("trace", "--trace", settings.Trace).Set("nodes", "--nodes", settings.Nodes).Set("policy", "--policy", settings.Policy)
            .Set("backfill", "--backfill", settings.Backfill).Set("estimate", "--estimate", settings.Estimate).Set("mix", "--mix", settings.Mix)
            .Set("preset", "--preset", settings.Preset).Set("interconnect", "--interconnect", settings.Interconnect).Set("window_s", "--window", settings.Window)
            .Set("housekeeping", "--housekeeping", settings.Housekeeping);
        var stacks = settings.Stack is null ? null : Choices.Stacks(models, settings.Stack);
        var reference = stacks is null ? null : StackComparisons.Reference([.. stacks.Select(s => s.Name)], settings.CompareTo);
        if (stacks is null && StackOnly(settings) is { } option)
            throw new UserInputException($"{option} describes the jobs' executions under --stack; without --stack every job runs for its trace time");
        // Without --stack, the batch layer alone: the ideal stack, every job for its trace time.
        var works = (stacks ?? [IsolationStack.Ideal]).Select(stack => (ReplayWork)options.Resolve(stack, settings.Seed)).ToList();
        if (settings.Protocol is not null) return RunProtocol(settings, works[0]);

        var workload = BatchWorkload.Load(works[0].Source, works[0].Nodes, works[0].Estimate, settings.Lenient);
        foreach (var (reason, count) in workload.Skipped) Terminal.Note($"skipped {count} jobs: {reason}");
        if (stacks is not null) return RunStacks(settings, options, stacks, workload, reference);
        var (policy, backfill) = (works[0].Policy, works[0].Backfill);
        var replay = ReplayKind.Schedule(workload, policy, backfill, null, settings.Bound, new JobRecord());
        var m = replay.Metrics;
        WriteJobs(settings, replay.Rows);
        if (settings.Json)
        {
            // The metrics a campaign's replay run reports, by the names its kind declares, and a few the batch layer adds.
            var json = new Dictionary<string, object?> { ["trace"] = workload.Name, ["nodes"] = workload.Machine.Nodes, ["policy"] = policy.Name, ["backfill"] = backfill.Name };
            foreach (var (key, value) in Metrics(new ReplayRunOutcome(m, replay.Outcome))) json[key] = value;
            json["mean_slowdown"] = m.Slowdown.Mean;
            json["utilization_to_last_start"] = m.UtilizationToLastStart;
            json["bound_s"] = m.BoundSeconds;
            json["skipped"] = workload.Skipped;
            Terminal.WriteJson(json);
            return ExitCodes.Success;
        }
        var table = new Table().Title(Terminal.Cell($"{workload.Name} on {workload.Machine.Nodes} nodes: {policy.Name}, backfilling {backfill.Name}"))
            .AddColumn("metric").AddColumn(new TableColumn("mean").RightAligned()).AddColumn(new TableColumn("median").RightAligned())
            .AddColumn(new TableColumn("p95").RightAligned());
        table.AddRow("wait (s)", $"{m.WaitS.Mean:F1}", $"{m.WaitS.Median:F1}", $"{m.WaitS.P95:F1}");
        table.AddRow("turnaround (s)", $"{m.TurnaroundS.Mean:F1}", $"{m.TurnaroundS.Median:F1}", $"{m.TurnaroundS.P95:F1}");
        table.AddRow($"bounded slowdown (τ = {m.BoundSeconds:G} s)", $"{m.BoundedSlowdown.Mean:F2}", $"{m.BoundedSlowdown.Median:F2}", $"{m.BoundedSlowdown.P95:F2}");
        Terminal.Out.Write(table);
        Terminal.Out.MarkupLine($"{m.Jobs:N0} jobs; utilisation {m.Utilization:F3} (to last start {m.UtilizationToLastStart:F3}); makespan {m.MakespanS / 86_400:F2} days; " +
                                $"mean queue {m.MeanQueueLength:F1} jobs; mean busy {m.MeanBusyNodes:F1} of {workload.Machine.Nodes} nodes");
        return ExitCodes.Success;
    }

    /// <summary>The first option given that only a replay under stacks uses, or null.</summary>
    private static string? StackOnly(Settings s) =>
        s.Mix is not null ? "--mix" : s.Preset is not null ? "--preset" : s.Interconnect is not null ? "--interconnect" : s.Window is not null ? "--window"
        : s.Housekeeping is not null ? "--housekeeping" : s.CompareTo is not null ? "--compare-to" : s.Replications != 1 ? "--replications" : null;

    private void WriteJobs(Settings settings, IEnumerable<JobRecord> rows)
    {
        if (settings.JobsCsv is not null) UserFile.Write(files, settings.JobsCsv, settings.Force, "--jobs-csv", stream => JobTable.Write(stream, rows));
    }

    /// <summary>A replay's metrics, by the names and groups the replay kind declares.</summary>
    private Dictionary<string, object> Metrics(ReplayRunOutcome outcome) => MetricJson.Of(_kind.Metrics, _kind.Measure(outcome).Select(m => m.Value));

    /// <summary>The key numbers of a replay under several stacks, as summary.md's replay table shows them.</summary>
    private IReadOnlyList<SummaryColumn> Columns => ((SummaryTable.MetricColumns)_kind.Summary).Columns;

    /// <summary>
    /// The workload replayed under each stack (all alike but for the stack), on identical jobs, for each replica: replica r of every stack
    /// on the same seed (<see cref="StackComparisons.ReplicaSeed"/>), a generated workload drawn anew per replica; then each stack against the reference, paired by replica.
    /// </summary>
    private int RunStacks(Settings settings, KindOptions options, IReadOnlyList<IsolationStack> stacks, BatchWorkload first, string? reference)
    {
        var context = new RunContext(disk: JobWindowCache.Default);
        var works = Enumerable.Range(0, settings.Replications)
            .Select(r => stacks.Select(stack => (ReplayWork)options.Resolve(stack, StackComparisons.ReplicaSeed(settings.Seed, r))).ToList()).ToList();
        var (soc, policy, backfill) = (works[0][0].Soc, works[0][0].Policy, works[0][0].Backfill);
        var replays = new List<ReplayRun>[stacks.Count];
        for (var si = 0; si < stacks.Count; si++) replays[si] = [];
        foreach (var (replica, r) in works.Select((w, r) => (w, r)))
        {
            // A file is the same workload in every replica; a generator's seed moves with the replica.
            var workload = replica[0].Source == works[0][0].Source ? first : BatchWorkload.Load(replica[0].Source, replica[0].Nodes, replica[0].Estimate, settings.Lenient);
            // The stacks replay in parallel, one per core, each preparing its job windows on its own thread: the schedule of one is
            // serial work, so stacks side by side fill the cores. Each result lands in its stack's slot, so the output is a sequential run's.
            var done = new ReplayRun[replica.Count];
            Terminal.Note($"{string.Join(", ", replica.Select(w => w.Stack.Name))}{(settings.Replications > 1 ? $", replica {r}" : "")}: simulating job executions, then replaying");
            Parallel.For(0, replica.Count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, si =>
            {
                var run = ReplayKind.Replay(replica[si], workload, settings.Bound, new JobRecord { Stack = replica[si].Stack.Name, Replica = r }, context,
                    parallelism: replica.Count >= Environment.ProcessorCount ? 1 : -1);
                // The job rows are the metrics' source and --jobs-csv's content: without that file they are let go as soon as the metrics are
                // made, so five stacks' rows are not all alive at once (a quarter of a kilobyte per job and stack).
                done[si] = settings.JobsCsv is null ? run with { Rows = [] } : run;
            });
            for (var si = 0; si < replica.Count; si++) replays[si].Add(done[si]);
        }
        WriteJobs(settings, replays.SelectMany(r => r).SelectMany(r => r.Rows));
        var runs = stacks.Select((stack, si) => new StackRuns(stack.Name,
            [.. replays[si].Select(r => _kind.Measure(new ReplayRunOutcome(r.Metrics, r.Outcome)))])).ToList();
        var metrics = _kind.Metrics;
        if (settings.Json)
        {
            Terminal.WriteJson(new
            {
                trace = first.Name, nodes = first.Machine.Nodes, preset = soc.Name, policy = policy.Name, backfill = backfill.Name, jobs = first.Jobs.Count,
                housekeeping = works[0][0].Housekeeping.Name(), seed = settings.Seed, replications = settings.Replications,
                // Every metric a campaign's replay run reports, by the names its kind declares (the mean over replicas, with its interval).
                stacks = runs.Select(r => r.Json(metrics, intervals: settings.Replications > 1)),
                comparison = reference is null ? null : StackComparisons.Json(metrics, runs, reference),
            });
            return ExitCodes.Success;
        }
        var n = settings.Replications;
        var t = new Table().Title(Terminal.Cell($"{first.Name} on {first.Machine.Nodes} {soc.Name} nodes: {policy.Name}, backfilling {backfill.Name}" +
                                                (n > 1 ? $" (± 95% CI of {n} replications)" : "")))
            .AddColumn("stack");
        foreach (var c in Columns) t.AddColumn(new TableColumn(Terminal.Cell(c.Header)).RightAligned());
        var index = Columns.Select(c => metrics.ToList().FindIndex(m => m.Name == c.Metric)).ToList();
        foreach (var r in runs)
            t.AddRow([Terminal.Cell(r.Stack), .. Columns.Select((c, i) => SummaryMarkdown.Estimate(r.Estimate(index[i]), c.Scale))]);
        Terminal.Out.Write(t);
        if (reference is not null) Terminal.Out.Write(StackComparisons.Table(metrics, Columns, runs, reference));
        // What summary.md says beside a replay's table: busy against useful utilisation, and why bounded slowdown can fall with overhead.
        var rows = runs.SelectMany(r => metrics.Select((m, k) => new SummaryRow("replay", _kind.Name, 0, [], r.Stack, m.Name, r.Estimate(k)))).ToList();
        var notes = ReplayNotes.Of(new ScenarioInfo("replay", _kind.Name, null, [.. runs.Select(r => r.Stack)], [], 1, n), rows);
        foreach (var note in notes.Split("\n\n", StringSplitOptions.RemoveEmptyEntries)) Terminal.Out.WriteLine(note.Replace("**", "", StringComparison.Ordinal));
        if (n == 1) Terminal.Note("one replication: no intervals; --replications 2 or more gives them");
        return ExitCodes.Success;
    }

    private static int RunProtocol(Settings settings, ReplayWork work)
    {
        var (source, policy, backfill) = (work.Source, work.Policy, work.Backfill);
        if (!string.Equals(settings.Protocol, "rlscheduler", StringComparison.OrdinalIgnoreCase))
            throw new UserInputException($"--protocol: unknown protocol '{settings.Protocol}'; the one known is rlscheduler");
        if (settings.Stack is not null) throw new UserInputException("--protocol rlscheduler replays the batch layer alone, as published; drop --stack");
        if (source is not WorkloadSource.File file)
            throw new UserInputException("--protocol rlscheduler replays an SWF file (the published table is for lublin_256.swf); give its path with --trace");
        if (settings.Nodes is not null) throw new UserInputException("--protocol rlscheduler uses the trace's MaxNodes; drop --nodes");
        var result = RlSchedulerProtocol.Run(RlSchedulerProtocol.Load(file.Path), policy, backfill);
        // On Lublin-1 the published table says what the result should be: shown beside it, and whether it is reproduced to its digits.
        (double MeanBsld, double Utilization)? published = Path.GetFileName(file.Path) is "lublin_256.swf" or "lublin_256.swf.gz"
            && RlSchedulerProtocol.PublishedLublin1.TryGetValue((result.Policy, result.Backfill), out var p) ? p : null;
        var reproduced = published is { } q && Math.Round(result.MeanBsld, 2) == q.MeanBsld && Math.Round(result.MeanUtilization, 3) == q.Utilization;
        if (settings.Json)
        {
            Terminal.WriteJson(new
            {
                policy = result.Policy, backfill = result.Backfill,
                windows = result.Windows.Select(w => new { start = w.Start, mean_bsld = w.MeanBsld, utilization = w.Utilization }),
                mean_bsld = result.MeanBsld, mean_utilization = result.MeanUtilization,
                published = published is { } x ? new { mean_bsld = x.MeanBsld, utilization = x.Utilization, reproduced } : null,
            });
            return ExitCodes.Success;
        }
        var table = new Table().Title(Terminal.Cell($"RLScheduler protocol on {Path.GetFileName(file.Path)}: {result.Policy}, backfilling {result.Backfill}"))
            .AddColumn(new TableColumn("window start").RightAligned()).AddColumn(new TableColumn("mean bsld").RightAligned())
            .AddColumn(new TableColumn("utilisation").RightAligned());
        foreach (var w in result.Windows) table.AddRow($"{w.Start}", $"{w.MeanBsld:F4}", $"{w.Utilization:F4}");
        table.AddRow("[bold]mean[/]", $"[bold]{result.MeanBsld:F2}[/]", $"[bold]{result.MeanUtilization:F3}[/]");
        if (published is { } pub) table.AddRow("published", $"{pub.MeanBsld:F2}", $"{pub.Utilization:F3}");
        Terminal.Out.Write(table);
        if (published is not null)
            Terminal.Out.MarkupLine(reproduced
                ? "Reproduces the published Lublin-1 table (Zhang et al., SC'20, Tables V–VI) to its printed digits."
                : "[yellow]Differs from the published Lublin-1 table (Zhang et al., SC'20, Tables V–VI).[/]");
        return ExitCodes.Success;
    }
}
