using System.ComponentModel;
using NodeSim.Benchmarks;
using NodeSim.Models.Isolation;
using Spectre.Console;
using Spectre.Console.Cli;
using NodeSim.Cli.Conventions;

namespace NodeSim.Cli.Commands;

/// <summary><c>nodesim bench edge</c>: requests served per second through the full path, and a real trace under every stack.</summary>
public sealed class BenchEdgeCommand : Command<BenchEdgeCommand.Settings>
{
    public sealed class Settings : BenchSettings
    {
        [CommandOption("--runs <N>")]
        [Description("Measured runs of each case (after at least one warm-up round and --warmup seconds); medians are reported.")]
        [DefaultValue(3)]
        public int Runs { get; init; } = 3;

        [CommandOption("--trace <FILE>")]
        [Description("A real edge trace to serve under every stack.")]
        [DefaultValue("../shared/traces/azure-llm-inference-2023-code.csv.gz")]
        public string Trace { get; init; } = "../shared/traces/azure-llm-inference-2023-code.csv.gz";

        protected override ValidationResult ValidateCommand() => Runs < 1 ? ValidationResult.Error("--runs must be at least 1") : ValidationResult.Success();
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var shortRequests = EdgeBenchmark.Load(EdgeBenchmark.ShortRequests);
        Terminal.Note($"{shortRequests.Count:N0} short requests on 4 cores: hafnium-linux against the queue alone (the ideal stack)");
        var path = BenchmarkHarness.Compare(settings.Runs, 1, settings.WarmupSeconds,
        [
            ("hafnium-linux", () => EdgeBenchmark.Serve(shortRequests, [IsolationStack.HafniumLinux])),
            ("queue alone", () => EdgeBenchmark.Serve(shortRequests, [IsolationStack.Ideal])),
        ], Terminal.Note);
        var trace = EdgeBenchmark.Load(settings.Trace);
        Terminal.Note($"{Path.GetFileName(settings.Trace)} ({trace.Count:N0} requests) under every built-in stack");
        var all = BenchmarkHarness.Compare(settings.Runs, 1, settings.WarmupSeconds,
            [("all stacks", () => EdgeBenchmark.Serve(trace, IsolationStack.BuiltIn))], Terminal.Note)[0];
        if (settings.Json)
        {
            Terminal.WriteJson(new
            {
                warmup_s = settings.WarmupSeconds,
                short_requests = path.Select(m => new { way = m.Name, median_s = m.MedianSeconds, requests_per_s = m.EventsPerSecond }),
                ratio_to_queue_alone = BenchmarkHarness.PairedRatio(path[0], path[1]),
                trace = settings.Trace, trace_all_stacks_median_s = all.MedianSeconds, stacks = IsolationStack.BuiltIn.Count,
            });
            return ExitCodes.Success;
        }
        var t = new Table().Title("edge serving (one core)").AddColumn("case").AddColumn(new TableColumn("median wall").RightAligned())
            .AddColumn(new TableColumn("requests/s").RightAligned());
        foreach (var m in path) t.AddRow($"{m.Name}, short requests", $"{m.MedianSeconds:F3} s", $"{m.EventsPerSecond / 1e6:F2} M");
        t.AddRow($"{Path.GetFileName(settings.Trace)}, {IsolationStack.BuiltIn.Count} stacks", $"{all.MedianSeconds:F3} s", $"{all.EventsPerSecond / 1e6:F2} M");
        Terminal.Out.Write(t);
        Terminal.Out.MarkupLine($"the full path costs {BenchmarkHarness.PairedRatio(path[0], path[1]):F2}× the queue alone (median of paired rounds).");
        return ExitCodes.Success;
    }
}
