using System.ComponentModel;
using System.Globalization;
using NodeSim.Cli.Conventions;
using NodeSim.Engine;
using NodeSim.Engine.Edge;
using NodeSim.Engine.Kinds;
using NodeSim.Kernel;
using NodeSim.Orchestration;
using NodeSim.Reporting;
using NodeSim.Reporting.Campaigns;
using NodeSim.Traces.Edge;
using NodeSim.Traces.Sources;
using Spectre.Console;
using Spectre.Console.Cli;

namespace NodeSim.Cli.Commands;

/// <summary><c>nodesim edge</c>: a request stream served by one node under each stack — latency percentiles and the per-request ledger.</summary>
public sealed class EdgeCommand(Registries registries) : Command<EdgeCommand.Settings>
{
    public sealed class Settings : JsonSettings
    {
        [CommandOption("--trace <TRACE>")]
        [Description("An edge trace (Azure LLM or Functions CSV, Alibaba pods, NodeSim's own) or synthetic:edge?rate=…&service=exponential&service_median_seconds=…")]
        public string? Trace { get; init; }

        [CommandOption("--stack <STACK,...>")]
        [Description("Stacks to compare, comma-separated, from {stacks}.")]
        [DefaultValue("native-linux,native-kitten,hafnium-linux,hafnium-kitten")]
        public string Stacks { get; init; } = "native-linux,native-kitten,hafnium-linux,hafnium-kitten";

        [CommandOption("--compare-to <STACK>")]
        [Description("With several stacks: the one every other is compared with, paired by replication (default: the first).")]
        public string? CompareTo { get; init; }

        [CommandOption("--cores <N>")]
        [Description("Cores (vCPUs) serving requests, one request each at a time (default {edge.cores}).")]
        public string? Cores { get; init; }

        [CommandOption("--cores-per-request <K>")]
        [Description("Cores one request occupies at once, multi-threaded inference (default {edge.cores_per_request}).")]
        public string? CoresPerRequest { get; init; }

        [CommandOption("--load <RHO>")]
        [Description("Rescale arrivals to this offered load (rate × mean service / cores), below 1.")]
        public string? Load { get; init; }

        [CommandOption("--rate-scale <FACTOR>")]
        [Description("Rescale arrivals X times as fast.")]
        public string? RateScale { get; init; }

        [CommandOption("--queue-limit <N>")]
        [Description("Requests that may wait; more are dropped (default: {edge.queue_limit}).")]
        public string? QueueLimit { get; init; }

        [CommandOption("--replications <N>")]
        [Description("Independent runs (new draws of noise, and of the generator's requests); confidence intervals are over them.")]
        [DefaultValue(5)]
        public int Replications { get; init; } = 5;

        [CommandOption("--preset <NAME>")]
        [Description("The node's SoC: {presets} (default {edge.preset}).")]
        public string? Preset { get; init; }

        [CommandOption("--seed <SEED>")]
        [Description("Seed of the request stream (a generator that names no seed of its own) and of every stack's noise: each replication's are derived from it, the same under every stack.")]
        [DefaultValue(1UL)]
        public ulong Seed { get; init; } = 1;

        public override ValidationResult Validate() =>
            Replications < 2 ? ValidationResult.Error("--replications must be at least 2 (confidence intervals are over them)") : ValidationResult.Success();
    }

    public override int Execute(CommandContext context, Settings s, CancellationToken cancellationToken)
    {
        var models = registries.Models;
        var kind = new EdgeKind(models);
        var stacks = Choices.Stacks(models, s.Stacks);
        var reference = StackComparisons.Reference([.. stacks.Select(x => x.Name)], s.CompareTo);
        // The options are an edge scenario's parameters: bound and resolved by the edge kind, as a campaign's are.
        var options = new KindOptions(kind, models)
            .Set("trace", "--trace", s.Trace).Set("preset", "--preset", s.Preset).Set("cores", "--cores", s.Cores)
            .Set("cores_per_request", "--cores-per-request", s.CoresPerRequest).Set("load", "--load", s.Load).Set("rate_scale", "--rate-scale", s.RateScale)
            .Set("queue_limit", "--queue-limit", s.QueueLimit);
        var work = (EdgeWork)options.Resolve(stacks[0], s.Seed);
        var llm = new LlmServiceModel();
        var servers = work.Cores / work.CoresPerRequest;
        var workloads = Enumerable.Range(0, s.Replications).Select(i =>
            EdgeWorkload.Load(work.Source, work.Spec, RandomStream.DeriveSeed(s.Seed, "edge requests", i), llm).ForServing(servers, work.Load, work.RateScale, work.QueueLimit)).ToList();
        var offered = workloads.Average(w => w.OfferedLoad(servers));

        // Every metric the edge kind declares, per replication, then its mean and 95% confidence interval over them; a long
        // stream (sparse arrivals amid noise, many requests) shows its progress after a second.
        var total = stacks.Count * workloads.Count;
        var rows = ProgressDisplay.Fraction($"{workloads[0].Requests.Count:N0} requests × {total} runs", progress => stacks.Select((stack, si) =>
        {
            // Replication i serves the same stream with the same noise seed under every stack: the stacks pair by replication.
            var runs = new StackRuns(stack.Name, [.. workloads.Select((w, i) => kind.Measure(new EdgeRun(EdgeServing.Run(new EdgeExperiment(stack, work.Soc, w.Requests,
                work.Cores, work.QueueLimit, RandomStream.DeriveSeed(s.Seed, "edge noise", i), CoresPerRequest: work.CoresPerRequest),
                f => progress((si * workloads.Count + i + f) / total)), w.OfferedLoad(servers))))]);
            return (Stack: stack.Name, Estimates: kind.Metrics.Select((_, k) => runs.Estimate(k)).ToList(), Runs: runs);
        }).ToList());
        int At(string metric) => kind.Metrics.ToList().FindIndex(m => m.Name == metric);
        // What a reader must know before reading the numbers: a stream whose bursts overload the cores, and stacks under which the
        // queue has no stationary state (their quantiles grow with the run and rank nothing).
        var bursts = Burstiness.Of(workloads[0].Requests, work.Cores);
        var unstable = rows.Where(r => r.Estimates[At("unstable")].Mean > 0).Select(r => r.Stack).ToList();
        if (bursts.Warning(work.Cores) is { } warning) Terminal.Note($"warning: {workloads[0].Name} is {warning}");
        if (unstable.Count > 0)
            Terminal.Note($"warning: unstable under {string.Join(", ", unstable)} (the effective load on a core at or above 1, the served rate short of " +
                          "the offered, or a busiest minute bringing more work than the cores do): their latency quantiles grow with the run's length or " +
                          "measure a burst's backlog, and rank nothing (⚠ below)");

        if (s.Json)
        {
            Terminal.WriteJson(new
            {
                trace = s.Trace, cores = work.Cores, offered_load = offered, replications = s.Replications, requests = workloads[0].Requests.Count,
                burstiness = new
                {
                    mean_load = bursts.MeanLoad, peak_minute_load = bursts.PeakMinuteLoad, peak_second_load = bursts.PeakSecondLoad,
                    share_of_seconds_above_capacity = bursts.ShareOfSecondsAbove, overloads = bursts.Overloads,
                },
                unstable,
                stacks = rows.Select(r => r.Runs.Json(kind.Metrics)),
                comparison = reference is null ? null : StackComparisons.Json(kind.Metrics, [.. rows.Select(r => r.Runs)], reference),
            });
            return ExitCodes.Success;
        }
        // The key numbers of summary.md's edge table, as the edge kind declares them (every metric is in the JSON), but not the offered load
        // every stack shares (in the title), the flag (⚠ and the warning above) nor drops when there are none, so the table fits a terminal;
        // each latency column in the unit its largest value reads best in.
        var columns = EdgeKind.SummaryColumns.Where(c => c.Metric is not ("offered_load" or "unstable") && (c.Metric != "drops" || rows.Any(r => r.Estimates[At("drops")].Mean > 0)))
            .Select(c => c.Header.EndsWith("(µs)", StringComparison.Ordinal) ? InTimeUnit(c, rows.Max(r => Math.Abs(r.Estimates[At(c.Metric)].Mean)) * 1e-6) : c).ToList();
        var t = new Table().Title(Terminal.Cell($"{workloads[0].Name}: {workloads[0].Requests.Count:N0} requests on {work.Cores} cores, offered load {offered:F3} (mean ± 95% CI over {s.Replications} runs)"))
            .AddColumn("stack");
        foreach (var column in columns) t.AddColumn(new TableColumn(column.Header).RightAligned());
        foreach (var r in rows)
            t.AddRow([Terminal.Cell(r.Stack) + (unstable.Contains(r.Stack) ? " ⚠" : ""), .. columns.Select(c => SummaryMarkdown.Estimate(r.Estimates[At(c.Metric)], c.Scale))]);
        Terminal.Out.Write(t);
        // The ledger's metrics are its parts, in order: queueing, service, then each cause; in the unit of the largest.
        var ledger = kind.Metrics.Select((m, k) => (m, k)).Where(x => x.m.Group == MetricGroups.Ledger).Zip(EdgeKind.LedgerParts, (x, part) => (Part: part, x.k))
            .Where(x => rows.Any(r => r.Estimates[x.k].Mean >= 0.0005)).ToList();
        var (unit, perSecond) = NumberText.TimeUnit(ledger.Max(x => rows.Max(r => r.Estimates[x.k].Mean)) * 1e-6);
        var l = new Table().Title($"per request, mean {unit}: where the time goes").AddColumn("part");
        foreach (var r in rows) l.AddColumn(new TableColumn(r.Stack).RightAligned());
        foreach (var (part, k) in ledger) l.AddRow([part.Replace('_', ' '), .. rows.Select(r => NumberText.Number(r.Estimates[k].Mean * 1e-6 * perSecond))]);
        Terminal.Out.Write(l);
        // The latencies and what the stream sees, not the settings every stack shares (offered load) nor the flag (above).
        if (reference is not null)
            Terminal.Out.Write(StackComparisons.Table(kind.Metrics, columns,
                [.. rows.Select(r => r.Runs)], reference, [.. unstable]));
        return ExitCodes.Success;
    }

    /// <summary>A latency column (µs) in the unit its largest value, <paramref name="largestSeconds"/>, reads best in.</summary>
    private static SummaryColumn InTimeUnit(SummaryColumn column, double largestSeconds)
    {
        var (unit, perSecond) = NumberText.TimeUnit(largestSeconds);
        return column with { Header = column.Header.Replace("(µs)", $"({unit})", StringComparison.Ordinal), Scale = column.Scale * 1e-6 * perSecond };
    }
}
