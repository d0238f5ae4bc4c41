using System.ComponentModel;
using System.Globalization;
using NodeSim.Cli.Conventions;
using NodeSim.Engine.Edge;
using NodeSim.Engine.Kinds;
using NodeSim.Kernel;
using NodeSim.Orchestration;
using NodeSim.Reporting;
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
        [CommandOption("--trace <FILE|GENERATOR>")]
        [Description("An edge trace (Azure LLM or Functions CSV, Alibaba pods, NodeSim's own) or synthetic:edge?rate=…&service=exponential&service_median_seconds=…")]
        public string? Trace { get; init; }

        [CommandOption("--stack <NAMES>")]
        [Description("Stacks to compare, comma-separated, from {stacks}.")]
        [DefaultValue("native-linux,native-kitten,hafnium-linux,hafnium-kitten")]
        public string Stacks { get; init; } = "native-linux,native-kitten,hafnium-linux,hafnium-kitten";

        [CommandOption("--cores <N>")]
        [Description("Cores (vCPUs) serving requests, one request each at a time.")]
        [DefaultValue(4)]
        public int Cores { get; init; } = 4;

        [CommandOption("--cores-per-request <K>")]
        [Description("Cores one request occupies at once (multi-threaded inference).")]
        [DefaultValue(1)]
        public int CoresPerRequest { get; init; } = 1;

        [CommandOption("--load <RHO>")]
        [Description("Rescale arrivals to this offered load (rate × mean service / cores), below 1.")]
        public double? Load { get; init; }

        [CommandOption("--rate-scale <X>")]
        [Description("Rescale arrivals X times as fast.")]
        public double? RateScale { get; init; }

        [CommandOption("--queue-limit <N>")]
        [Description("Requests that may wait; more are dropped (default: unbounded).")]
        public int? QueueLimit { get; init; }

        [CommandOption("--replications <N>")]
        [Description("Independent runs (new draws of noise, and of the generator's requests); confidence intervals are over them.")]
        [DefaultValue(5)]
        public int Replications { get; init; } = 5;

        [CommandOption("--preset <NAME>")]
        [Description("The node's SoC: {presets}.")]
        [DefaultValue("pine-a64")]
        public string Preset { get; init; } = "pine-a64";

        [CommandOption("--seed <SEED>")]
        [DefaultValue(1UL)]
        public ulong Seed { get; init; } = 1;

        public override ValidationResult Validate() =>
            Trace is null ? ValidationResult.Error("--trace is required (an edge trace file or synthetic:edge?...)")
            : Cores is < 1 or > 1024 ? ValidationResult.Error("--cores must be between 1 and 1024")
            : Replications < 2 ? ValidationResult.Error("--replications must be at least 2 (confidence intervals are over them)")
            : Load is { } l && !(l > 0 && l < 1) ? ValidationResult.Error(string.Create(CultureInfo.InvariantCulture, $"--load must lie strictly between 0 and 1 (got {l}): a queue at or above capacity has no stationary latency"))
            : RateScale is { } x && !(x > 0 && double.IsFinite(x)) ? ValidationResult.Error(string.Create(CultureInfo.InvariantCulture, $"--rate-scale must be a positive number (got {x})"))
            : Load is not null && RateScale is not null ? ValidationResult.Error("give --load or --rate-scale, not both")
            : QueueLimit is < 0 ? ValidationResult.Error("--queue-limit must be 0 or more")
            : CoresPerRequest < 1 || CoresPerRequest > Cores ? ValidationResult.Error($"--cores-per-request must be between 1 and --cores ({Cores})")
            : ValidationResult.Success();
    }

    /// <summary>The quantiles the table shows (every reported one is in the JSON).</summary>
    private static readonly string[] Shown = ["p50_us", "p90_us", "p99_us", "p999_us"];

    public override int Execute(CommandContext context, Settings s, CancellationToken cancellationToken)
    {
        var models = registries.Models;
        var kind = new EdgeKind(models);
        var stacks = Choices.Stacks(models, s.Stacks);
        var soc = Choices.Named(models.Socs, s.Preset, "--preset").Model;
        var source = WorkloadSource.Parse(s.Trace!);
        var llm = new LlmServiceModel();
        var servers = s.Cores / s.CoresPerRequest;
        var workloads = Enumerable.Range(0, s.Replications).Select(i =>
            EdgeWorkload.Load(source, s.Trace!, RandomStream.DeriveSeed(s.Seed, "edge requests", i), llm).ForServing(servers, s.Load, s.RateScale, s.QueueLimit)).ToList();
        var offered = workloads.Average(w => w.OfferedLoad(servers));

        // Every metric the edge kind declares, per replication, then its mean and 95% confidence interval over them.
        var rows = stacks.Select(stack =>
        {
            var runs = workloads.Select((w, i) => kind.Measure(new EdgeRun(EdgeServing.Run(new EdgeExperiment(stack, soc, w.Requests, s.Cores, s.QueueLimit,
                RandomStream.DeriveSeed(s.Seed, "edge noise", i), CoresPerRequest: s.CoresPerRequest)), w.OfferedLoad(servers)))).ToList();
            var estimates = kind.Metrics.Select((m, k) => MeanEstimate.Of([.. runs.Select(r => r[k].Value)])).ToList();
            return (Stack: stack.Name, Estimates: estimates);
        }).ToList();
        int At(string metric) => kind.Metrics.ToList().FindIndex(m => m.Name == metric);

        if (s.Json)
        {
            Terminal.WriteJson(new
            {
                trace = s.Trace, cores = s.Cores, offered_load = offered, replications = s.Replications, requests = workloads[0].Requests.Count,
                stacks = rows.Select(r =>
                {
                    var json = new Dictionary<string, object> { ["stack"] = r.Stack };
                    foreach (var (key, value) in MetricJson.Of(kind.Metrics, r.Estimates.Select(e => e.Mean))) json[key] = value;
                    json["ci95_half"] = MetricJson.Of(kind.Metrics, r.Estimates.Select(e => e.High - e.Mean));
                    return json;
                }),
            });
            return ExitCodes.Success;
        }
        var t = new Table().Title(Markup.Escape($"{workloads[0].Name}: {workloads[0].Requests.Count:N0} requests on {s.Cores} cores, offered load {offered:F3} (µs, mean ± 95% CI over {s.Replications} runs)"))
            .AddColumn("stack");
        string[] columns = [.. Shown, "mean_us", "max_us"];
        foreach (var name in columns) t.AddColumn(new TableColumn(name.Replace("_us", "")).RightAligned());
        t.AddColumn(new TableColumn("req/s").RightAligned()).AddColumn(new TableColumn("drops").RightAligned());
        string F(MeanEstimate e) => $"{e.Mean:G4} ± {e.High - e.Mean:G2}";
        foreach (var r in rows)
            t.AddRow([r.Stack, .. columns.Select(c => F(r.Estimates[At(c)])), $"{r.Estimates[At("throughput_rps")].Mean:G4}", $"{r.Estimates[At("drops")].Mean:G4}"]);
        Terminal.Out.Write(t);
        var l = new Table().Title("per request, mean µs: where the time goes").AddColumn("part");
        foreach (var r in rows) l.AddColumn(new TableColumn(r.Stack).RightAligned());
        var ledger = kind.Metrics.Select((m, k) => (m, k)).Where(x => x.m.Group == "ledger" && rows.Any(r => r.Estimates[x.k].Mean >= 0.0005)).ToList();
        foreach (var (metric, k) in ledger) l.AddRow([metric.Name.Replace("_us", ""), .. rows.Select(r => $"{r.Estimates[k].Mean:F3}")]);
        Terminal.Out.Write(l);
        return ExitCodes.Success;
    }
}
