using System.ComponentModel;

using NodeSim.Benchmarks;
using NodeSim.Orchestration;
using NodeSim.Engine;
using NodeSim.Traces;
using Spectre.Console;
using Spectre.Console.Cli;
using NodeSim.Traces.Sources;
using NodeSim.Cli.Conventions;

namespace NodeSim.Cli.Commands;

/// <summary><c>nodesim bench replay</c>: cluster-replay throughput and scaling.</summary>
public sealed class BenchReplayCommand(Registries registries) : Command<BenchReplayCommand.Settings>
{
    public sealed class Settings : BenchSettings
    {
        [CommandOption("--runs <N>")]
        [Description("Measured runs (after at least two warm-up rounds and --warmup seconds); medians are reported.")]
        [DefaultValue(5)]
        public int Runs { get; init; } = 5;

        [CommandOption("--trace <FILE>")]
        [Description("The Lublin-1 trace (default: ../shared/traces/lublin_256.swf.gz when present, else a generated 10,000-job trace).")]
        public string? Trace { get; init; }

        [CommandOption("--phases")]
        [Description("Instead: where a replay under every built-in isolation stack's five (ideal, native and Hafnium, Linux and Kitten) goes, by phase: parse, prepare (cold and warm), replay, metrics, per stack.")]
        public bool Phases { get; init; }

        [CommandOption("--jobs <N>")]
        [Description("With --phases: jobs of the generated workload (synthetic:hpc, seed 1).")]
        [DefaultValue(200_000)]
        public int Jobs { get; init; } = 200_000;

        [CommandOption("--nodes <N>")]
        [Description("With --phases: nodes of the generated workload's machine.")]
        [DefaultValue(512)]
        public int Nodes { get; init; } = 512;

        protected override ValidationResult ValidateCommand() =>
            Runs < 1 ? ValidationResult.Error("--runs must be at least 1")
            : Jobs is < 1 or > 10_000_000 ? ValidationResult.Error("--jobs must be 1 to 10,000,000")
            : Nodes < 1 ? ValidationResult.Error("--nodes must be at least 1") : ValidationResult.Success();
    }

    /// <summary>The five stacks of the measure: the ideal machine, Linux and Kitten natively and as Hafnium's primary.</summary>
    private static readonly string[] PhaseStacks = ["ideal", "native-linux", "native-kitten", "hafnium-linux", "hafnium-kitten"];

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        const int warmups = 2;
        if (settings.Phases) return Phases(settings);
        var path = settings.Trace ?? ReplayBenchmark.SharedLublin();
        var lublin = path is null ? null : RlSchedulerProtocol.Load(path);
        var full = path is null ? ReplayBenchmark.Generated(10_000) : BatchWorkload.Load(new WorkloadSource.File(path));
        var fullName = path is null ? "generated 10,000 jobs (no Lublin-1 trace found)" : Path.GetFileName(path);

        Terminal.Note($"full trace under FCFS + EASY: {fullName}");
        var easy = BenchmarkHarness.Compare(settings.Runs, warmups, settings.WarmupSeconds, [("easy", ReplayBenchmark.FullTraceEasy(full))], Terminal.Note)[0];

        Measurement? protocol = null;
        if (lublin is not null)
        {
            Terminal.Note("the whole RLScheduler protocol: 3 policies × 2 modes × 10 windows × 1,024 jobs");
            protocol = BenchmarkHarness.Compare(settings.Runs, warmups, settings.WarmupSeconds, [("protocol", ReplayBenchmark.WholeProtocol(lublin))], Terminal.Note)[0];
        }

        Terminal.Note("scaling: generated 10,000 and 100,000 jobs (256 nodes, load 0.85) under FCFS + EASY");
        var small = ReplayBenchmark.Generated(10_000);
        var large = ReplayBenchmark.Generated(100_000);
        var scaling = BenchmarkHarness.Compare(settings.Runs, warmups, settings.WarmupSeconds,
            [("10k", ReplayBenchmark.FullTraceEasy(small)), ("100k", ReplayBenchmark.FullTraceEasy(large))], Terminal.Note);
        var ratio = BenchmarkHarness.PairedRatio(scaling[1], scaling[0]);
        var peakMb = System.Diagnostics.Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0;

        if (settings.Json)
        {
            Terminal.WriteJson(new
            {
                warmup_s = settings.WarmupSeconds,
                full_trace = new { trace = fullName, jobs = easy.Events, median_s = easy.MedianSeconds, jobs_per_s = easy.EventsPerSecond, runs_s = easy.WallSeconds },
                protocol = protocol is null ? null : new { replays = 60, median_s = protocol.MedianSeconds, runs_s = protocol.WallSeconds },
                scaling = new
                {
                    jobs_10k_median_s = scaling[0].MedianSeconds, jobs_100k_median_s = scaling[1].MedianSeconds,
                    ratio_100k_to_10k = ratio, peak_working_set_mb = peakMb,
                },
            });
            return ExitCodes.Success;
        }
        var table = new Table().Title("Cluster replay").AddColumn("benchmark").AddColumn(new TableColumn("median wall").RightAligned())
            .AddColumn(new TableColumn("throughput").RightAligned());
        table.AddRow(Terminal.Cell($"{fullName}, FCFS + EASY"), $"{easy.MedianSeconds:F3} s", $"{easy.EventsPerSecond:N0} jobs/s");
        if (protocol is not null) table.AddRow("RLScheduler protocol (60 replays)", $"{protocol.MedianSeconds:F3} s", $"{protocol.EventsPerSecond:N0} jobs/s");
        table.AddRow("generated 10,000 jobs", $"{scaling[0].MedianSeconds:F3} s", $"{scaling[0].EventsPerSecond:N0} jobs/s");
        table.AddRow("generated 100,000 jobs", $"{scaling[1].MedianSeconds:F3} s", $"{scaling[1].EventsPerSecond:N0} jobs/s");
        Terminal.Out.Write(table);
        Terminal.Out.MarkupLine($"100k / 10k cost ratio (paired median): {ratio:F2} (linear ≈ 10); peak working set {peakMb:F0} MB");
        return ExitCodes.Success;
    }

    private int Phases(Settings settings)
    {
        var stacks = PhaseStacks.Select(n => registries.Models.Stacks.Get(n)).ToList();
        var bench = new ReplayPhasesBenchmark(registries.Models, settings.Jobs, settings.Nodes, stacks);
        var phases = bench.Measure(settings.Runs, settings.WarmupSeconds > 0 ? 1 : 0, Terminal.Note);
        // Growth: a tenth and a hundredth of --jobs as well, so the cost per 10x jobs reads off the ratios.
        var sizes = new[] { settings.Jobs / 100, settings.Jobs / 10, settings.Jobs }.Where(n => n >= 100).Distinct().ToList();
        var growth = bench.Growth(sizes, settings.Runs, Terminal.Note);
        var peakMb = System.Diagnostics.Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0;
        if (settings.Json)
        {
            Terminal.WriteJson(new
            {
                jobs = settings.Jobs, nodes = settings.Nodes, runs = settings.Runs, peak_working_set_mb = peakMb,
                phases = phases.Select(p => new { phase = p.Phase, stack = p.Stack, median_s = p.MedianSeconds, jobs_per_s = p.JobsPerSecond, allocated_bytes_per_job = p.BytesPerJob }),
                end_to_end = growth.Select((g, i) => new { jobs = g.Jobs, median_s = g.MedianSeconds, ratio_to_previous = i == 0 ? (double?)null : g.MedianSeconds / growth[i - 1].MedianSeconds }),
            });
            return ExitCodes.Success;
        }
        var table = new Table().Title(Terminal.Cell($"replay phases: {settings.Jobs:N0} generated jobs on {settings.Nodes:N0} nodes, FCFS + EASY (medians of {settings.Runs})"))
            .AddColumn("phase").AddColumn("stack").AddColumn(new TableColumn("median (s)").RightAligned()).AddColumn(new TableColumn("jobs/s").RightAligned())
            .AddColumn(new TableColumn("allocated (B/job)").RightAligned());
        foreach (var p in phases)
            table.AddRow(p.Phase, Terminal.Cell(p.Stack), Reporting.NumberText.Number(p.MedianSeconds), p.JobsPerSecond.ToString("N0", System.Globalization.CultureInfo.InvariantCulture),
                Reporting.NumberText.Number(p.BytesPerJob));
        Terminal.Out.Write(table);
        var ends = new Table().Title("end to end under the five stacks (parse included, windows warm), and the cost per 10x jobs")
            .AddColumn(new TableColumn("jobs").RightAligned()).AddColumn(new TableColumn("median (s)").RightAligned()).AddColumn(new TableColumn("× previous").RightAligned());
        foreach (var (g, i) in growth.Select((g, i) => (g, i)))
            ends.AddRow(g.Jobs.ToString("N0", System.Globalization.CultureInfo.InvariantCulture), Reporting.NumberText.Number(g.MedianSeconds),
                i == 0 ? "" : Reporting.NumberText.Number(g.MedianSeconds / growth[i - 1].MedianSeconds));
        Terminal.Out.Write(ends);
        Terminal.Out.WriteLine(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"peak working set {peakMb:F0} MB"));
        return ExitCodes.Success;
    }
}
