using System.ComponentModel;
using System.Globalization;
using NodeSim.Engine.Edge;
using NodeSim.Kernel;
using NodeSim.Models;
using NodeSim.Reporting;
using NodeSim.Traces;
using NodeSim.Traces.Edge;
using Spectre.Console;
using Spectre.Console.Cli;

namespace NodeSim.Cli.Commands;

/// <summary><c>nodesim edge</c>: a request stream served by one node under each stack — latency percentiles and the per-request ledger.</summary>
public sealed class EdgeCommand : Command<EdgeCommand.Settings>
{
    public sealed class Settings : JsonSettings
    {
        [CommandOption("--trace <FILE|GENERATOR>")]
        [Description("An edge trace (Azure LLM or Functions CSV, Alibaba pods, NodeSim's own) or synthetic:edge?rate=…&service=exponential&service_median_seconds=…")]
        public string? Trace { get; init; }

        [CommandOption("--stack <NAMES>")]
        [Description("Stacks to compare, comma-separated.")]
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

    /// <summary>Latency quantiles reported, with their names.</summary>
    private static readonly (string Name, double Q)[] Quantiles = [("p50", 0.5), ("p90", 0.9), ("p99", 0.99), ("p999", 0.999)];

    public override int Execute(CommandContext context, Settings s, CancellationToken cancellationToken)
    {
        var stacks = StackChoices.Stacks(s.Stacks);
        var source = WorkloadSource.Parse(s.Trace!);
        var llm = new LlmServiceModel();
        var workloads = Enumerable.Range(0, s.Replications).Select(i =>
            EdgeWorkload.Load(source, s.Trace!, RandomStream.DeriveSeed(s.Seed, "edge requests", i), llm).ForServing(s.Cores / s.CoresPerRequest, s.Load, s.RateScale, s.QueueLimit)).ToList();

        var results = stacks.Select(stack => (Stack: stack.Name, Runs: workloads.Select((w, i) => EdgeServing.Run(new EdgeExperiment(stack, StackChoices.Preset("pine-a64"),
            w.Requests, s.Cores, s.QueueLimit, RandomStream.DeriveSeed(s.Seed, "edge noise", i), CoresPerRequest: s.CoresPerRequest))).ToList())).ToList();
        var offered = workloads.Average(w => w.OfferedLoad(s.Cores / s.CoresPerRequest));

        static (double Mean, double Half) Ci(IEnumerable<double> values)
        {
            var estimate = MeanEstimate.Of([.. values]);
            return (estimate.Mean, estimate.High - estimate.Mean);
        }
        var rows = results.Select(r => new
        {
            r.Stack,
            Quantiles = Quantiles.Select(q => (q.Name, Ci(r.Runs.Select(x => x.Quantile(q.Q) * 1e6)))).ToList(),
            Mean = Ci(r.Runs.Select(x => x.MeanSeconds * 1e6)),
            Max = Ci(r.Runs.Select(x => x.MaxSeconds * 1e6)),
            Throughput = Ci(r.Runs.Select(x => x.ThroughputPerSecond)),
            Drops = r.Runs.Average(x => (double)x.Dropped),
            Ledger = r.Runs[0].LedgerSeconds.Keys.ToDictionary(k => k, k => r.Runs.Average(x => x.LedgerSeconds[k]) * 1e6),
        }).ToList();

        if (s.Json)
        {
            Terminal.WriteJson(new
            {
                trace = s.Trace, cores = s.Cores, offered_load = offered, replications = s.Replications, requests = workloads[0].Requests.Count,
                stacks = rows.Select(r => new Dictionary<string, object>
                {
                    ["stack"] = r.Stack,
                    ["p50_us"] = r.Quantiles[0].Item2.Item1, ["p90_us"] = r.Quantiles[1].Item2.Item1, ["p99_us"] = r.Quantiles[2].Item2.Item1, ["p999_us"] = r.Quantiles[3].Item2.Item1,
                    ["mean_us"] = r.Mean.Mean, ["max_us"] = r.Max.Mean, ["throughput_rps"] = r.Throughput.Mean, ["drops"] = r.Drops,
                    ["ci95_half_us"] = new Dictionary<string, double>
                    {
                        ["p50"] = r.Quantiles[0].Item2.Item2, ["p90"] = r.Quantiles[1].Item2.Item2, ["p99"] = r.Quantiles[2].Item2.Item2,
                        ["p999"] = r.Quantiles[3].Item2.Item2, ["mean"] = r.Mean.Half, ["max"] = r.Max.Half,
                    },
                    ["ledger"] = r.Ledger.ToDictionary(kv => kv.Key + "_us", kv => kv.Value),
                }),
            });
            return ExitCodes.Success;
        }
        var t = new Table().Title(Markup.Escape($"{workloads[0].Name}: {workloads[0].Requests.Count:N0} requests on {s.Cores} cores, offered load {offered:F3} (µs, mean ± 95% CI over {s.Replications} runs)"))
            .AddColumn("stack");
        foreach (var (name, _) in Quantiles) t.AddColumn(new TableColumn(name).RightAligned());
        t.AddColumn(new TableColumn("mean").RightAligned()).AddColumn(new TableColumn("max").RightAligned()).AddColumn(new TableColumn("req/s").RightAligned()).AddColumn(new TableColumn("drops").RightAligned());
        string F((double Mean, double Half) v) => $"{v.Mean:G4} ± {v.Half:G2}";
        foreach (var r in rows)
            t.AddRow([r.Stack, .. r.Quantiles.Select(q => F(q.Item2)), F(r.Mean), F(r.Max), $"{r.Throughput.Mean:G4}", $"{r.Drops:G4}"]);
        Terminal.Out.Write(t);
        var l = new Table().Title("per request, mean µs: where the time goes").AddColumn("part");
        foreach (var r in rows) l.AddColumn(new TableColumn(r.Stack).RightAligned());
        foreach (var part in rows[0].Ledger.Keys.Where(k => rows.Any(r => r.Ledger[k] >= 0.0005)))
            l.AddRow([part, .. rows.Select(r => $"{r.Ledger[part]:F3}")]);
        Terminal.Out.Write(l);
        return ExitCodes.Success;
    }
}
