using NodeSim.Engine.Edge;
using NodeSim.Engine.Kinds;
using NodeSim.Orchestration;
using System.ComponentModel;
using NodeSim.Reporting;
using NodeSim.Traces;
using NodeSim.Traces.Edge;
using Spectre.Console;
using Spectre.Console.Cli;
using NodeSim.Traces.Sources;
using NodeSim.Cli.Conventions;

namespace NodeSim.Cli.Commands;

/// <summary><c>nodesim trace info FILE</c>: what a trace holds.</summary>
public sealed class TraceInfoCommand(Registries registries) : Command<TraceInfoCommand.Settings>
{
    public sealed class Settings : JsonSettings
    {
        [CommandArgument(0, "<FILE>")]
        [Description("An SWF trace (.swf or .swf.gz) or an edge CSV (Azure LLM, Azure Functions, Alibaba pods, NodeSim edge).")]
        public string File { get; init; } = "";

        [CommandOption("--cores <N>")]
        [Description("Edge traces: the cores that would serve the requests, for how bursty the stream is against them (default: an edge scenario's, {edge.cores}).")]
        public int? Cores { get; init; }

        [CommandOption("--lenient")]
        [Description("Skip malformed SWF lines (and count them) instead of stopping at the first.")]
        public bool Lenient { get; init; }

    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        if (WorkloadSource.LooksLikeSwf(settings.File))
        {
            var s = SwfSummary.Of(settings.File, settings.Lenient);
            if (settings.Json)
            {
                Terminal.WriteJson(new
                {
                    path = s.Path, format = "swf", header = s.Header.Select(kv => new { label = kv.Key, value = kv.Value }),
                    jobs = s.Jobs, skipped_lines = s.SkippedLines, span_s = s.SpanS, size_processors = s.SizeProcessors,
                    run_time_s = s.RunTimeS, inter_arrival_s = s.InterArrivalS, unknown_run_times = s.UnknownRunTimes,
                    offered_load = s.OfferedLoad, peak_daily_offered_load = s.PeakDailyOfferedLoad,
                });
                return ExitCodes.Success;
            }
            var header = new Table().Title(Terminal.Cell(s.Path)).AddColumn("label").AddColumn("value");
            foreach (var (label, value) in s.Header) header.AddRow(Terminal.Cell(label), Terminal.Cell(value));
            Terminal.Out.Write(header);
            Terminal.Out.MarkupLine($"{s.Jobs:N0} jobs over {s.SpanS / 86_400:F1} days; offered load {Format(s.OfferedLoad)}, peak day {Format(s.PeakDailyOfferedLoad)}"
                + (s.SkippedLines > 0 ? $"; [yellow]{s.SkippedLines} malformed lines skipped[/]" : "")
                + (s.UnknownRunTimes > 0 ? $"; {s.UnknownRunTimes} unknown run times" : ""));
            Terminal.Out.Write(PercentileTable(("size", "processors", s.SizeProcessors), ("run time", "s", s.RunTimeS), ("inter-arrival", "s", s.InterArrivalS)));
            return ExitCodes.Success;
        }

        var trace = CsvTraceReader.Read(settings.File);
        var e = EdgeSummary.Of(settings.File, trace);
        // Against the cores that would serve it: the busiest minute's and second's work, the share of seconds above them.
        var cores = settings.Cores ?? ((EdgeSettings)new EdgeKind(registries.Models).Defaults).Cores;
        if (cores < 1) throw new UserInputException("--cores must be at least 1");
        var served = EdgeWorkload.Load(new WorkloadSource.File(settings.File), settings.File, 1, new LlmServiceModel()).Requests;
        var bursts = Burstiness.Of(served, cores);
        var overloading = Burstiness.OverloadingLoad(served, cores);
        if (settings.Json)
        {
            Terminal.WriteJson(new
            {
                path = e.Path, format = e.Format, requests = e.Requests, span_s = e.SpanS, mean_rate_per_s = e.MeanRatePerS,
                peak_rate_per_s = e.PeakRatePerS, inter_arrival_s = e.InterArrivalS, service_s = e.ServiceS, service_from_tokens = e.ServiceFromTokens,
                context_tokens = e.ContextTokens, generated_tokens = e.GeneratedTokens, never_scheduled = e.NeverScheduled,
                burstiness = new
                {
                    cores, mean_load = bursts.MeanLoad, peak_minute_load = bursts.PeakMinuteLoad, peak_second_load = bursts.PeakSecondLoad,
                    share_of_seconds_above_capacity = bursts.ShareOfSecondsAbove, overloads = bursts.Overloads, overloading_load = overloading,
                },
            });
            return ExitCodes.Success;
        }
        Terminal.Out.MarkupLine($"{Terminal.Cell(e.Path)}: {e.Format}, {e.Requests:N0} requests over {e.SpanS:F0} s; mean {e.MeanRatePerS:F3}/s, peak minute {e.PeakRatePerS:F3}/s"
            + (e.NeverScheduled > 0 ? $"; {e.NeverScheduled} never scheduled (no service time)" : ""));
        var rows = new List<(string, string, Percentiles)> { ("inter-arrival", "s", e.InterArrivalS) };
        if (e.ServiceS is not null) rows.Add((e.ServiceFromTokens ? "service, LLM cost model" : "service", "s", e.ServiceS));
        if (e.ContextTokens is not null) rows.Add(("context", "tokens", e.ContextTokens));
        if (e.GeneratedTokens is not null) rows.Add(("generated", "tokens", e.GeneratedTokens));
        Terminal.Out.Write(PercentileTable([.. rows]));
        Terminal.Out.MarkupLine(Terminal.Cell(string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"on {cores} cores as it is: mean load {bursts.MeanLoad:G3}, busiest minute {bursts.PeakMinuteLoad:G3}, busiest second {bursts.PeakSecondLoad:G3}, {bursts.ShareOfSecondsAbove * 100:F0}% of seconds above capacity")));
        // Rescaled in time (--load), a minute holds a different part of the stream: the load from which its busiest minute overloads the cores.
        if (overloading < 1)
            Terminal.Out.MarkupLine(Terminal.Cell(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"rescaled to a load ρ (--load), its busiest minute brings more work than {cores} cores do for any ρ above {overloading:G3}")));
        return ExitCodes.Success;
    }

    private static string Format(double? v) => v is null ? "unknown" : $"{v:F3}";

    /// <summary>
    /// Percentiles by quantity, one unit per row (a time in the unit of its median: µs, ms or s), each number in three significant
    /// figures with thousands grouped and never an exponent (<see cref="Reporting.NumberText.Number"/>).
    /// </summary>
    private static Table PercentileTable(params (string Name, string Unit, Percentiles P)[] rows)
    {
        var table = new Table().AddColumn("quantity");
        foreach (var c in new[] { "min", "p10", "p50", "p90", "p99", "max", "mean" }) table.AddColumn(new TableColumn(c).RightAligned());
        foreach (var (name, unit, p) in rows)
        {
            var (shown, scale) = unit == "s" ? Reporting.NumberText.TimeUnit(p.P50) : (unit, 1.0);
            // Whole numbers (counts, whole seconds) as they are: "8", not "8.00".
            string N(double v) => double.IsNaN(v) ? "–" : v * scale is var x && x == Math.Round(x) ? x.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)
                : Reporting.NumberText.Number(x);
            table.AddRow($"{name} ({shown})", N(p.Min), N(p.P10), N(p.P50), N(p.P90), N(p.P99), N(p.Max), N(p.Mean));
        }
        return table;
    }

}
