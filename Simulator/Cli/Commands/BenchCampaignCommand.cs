using System.ComponentModel;
using NodeSim.Benchmarks;
using NodeSim.Orchestration;
using Spectre.Console;
using Spectre.Console.Cli;
using NodeSim.Cli.Conventions;

namespace NodeSim.Cli.Commands;

/// <summary><c>nodesim bench campaign</c>: a campaign's speed-up from parallel workers, against what the machine itself allows.</summary>
public sealed class BenchCampaignCommand(Registries registries) : Command<BenchCampaignCommand.Settings>
{
    public sealed class Settings : BenchSettings
    {
        [CommandArgument(0, "[FILE]")]
        [Description("The campaign file.")]
        [DefaultValue("scenarios.yaml")]
        public string File { get; init; } = "scenarios.yaml";

        [CommandOption("--runs <N>")]
        [Description("Measured runs of each way (after at least one warm-up round and --warmup seconds); medians are reported.")]
        [DefaultValue(3)]
        public int Runs { get; init; } = 3;

        [CommandOption("--workers <N>")]
        [Description("Workers to compare with one (default: the number of logical cores).")]
        public int? Workers { get; init; }

        protected override ValidationResult ValidateCommand() =>
            Runs < 1 ? ValidationResult.Error("--runs must be at least 1")
            : Workers is < 2 ? ValidationResult.Error("--workers must be at least 2: the benchmark compares them with one worker")
            : ValidationResult.Success();
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var campaign = registries.Loader.Load(settings.File);
        var workers = settings.Workers ?? Math.Max(2, Environment.ProcessorCount);
        var scratch = Directory.CreateTempSubdirectory("nodesim-bench-campaign-").FullName;
        IReadOnlyList<Measurement> times, ceiling;
        try
        {
            Terminal.Note($"campaign {campaign.Name}: {campaign.Runs.Count} runs, tables and plots, with 1 and {workers} workers (in {scratch})");
            times = BenchmarkHarness.Compare(settings.Runs, 1, settings.WarmupSeconds, CampaignBenchmark.Ways(registries, campaign, workers, scratch), Terminal.Note);
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }
        Terminal.Note($"the machine's ceiling: the same allocation-free work on 1 and on {workers} threads");
        ceiling = BenchmarkHarness.Compare(settings.Runs, 1, settings.WarmupSeconds, CampaignBenchmark.CeilingWays(workers), Terminal.Note);
        // Speed-ups as paired ratios: one worker's time over several workers' in the same round.
        var speedUp = BenchmarkHarness.PairedRatio(times[0], times[1]);
        var machine = BenchmarkHarness.PairedRatio(ceiling[0], ceiling[1]);
        var peakMb = System.Diagnostics.Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0;
        // The checksum sums every run's metrics: any worker count must give the same results.
        var sameResults = times[0].Checksum.Equals(times[1].Checksum);

        if (settings.Json)
        {
            Terminal.WriteJson(new
            {
                warmup_s = settings.WarmupSeconds,
                campaign = campaign.Name, runs = times[0].Events, workers,
                one_worker_median_s = times[0].MedianSeconds, workers_median_s = times[1].MedianSeconds,
                one_worker_runs_s = times[0].WallSeconds, workers_runs_s = times[1].WallSeconds,
                speed_up = speedUp, machine_ceiling = machine, efficiency_vs_ceiling = speedUp / machine,
                peak_working_set_mb = peakMb, same_results = sameResults,
            });
            return sameResults ? ExitCodes.Success : ExitCodes.ChecksFailed;
        }
        var table = new Table().Title(Terminal.Cell($"campaign {campaign.Name}, in a warm process"))
            .AddColumn("way").AddColumn(new TableColumn("median wall").RightAligned()).AddColumn(new TableColumn("runs/s").RightAligned())
            .AddColumn(new TableColumn("speed-up (paired median)").RightAligned());
        table.AddRow("1 worker", $"{times[0].MedianSeconds:F2} s", $"{times[0].EventsPerSecond:F1}", "1.00");
        table.AddRow(Terminal.Cell(times[1].Name), $"{times[1].MedianSeconds:F2} s", $"{times[1].EventsPerSecond:F1}", $"{speedUp:F2}");
        Terminal.Out.Write(table);
        Terminal.Out.MarkupLine(Terminal.Cell(
            $"machine ceiling on {workers} threads: {machine:F2}× (allocation-free reference work); the campaign reaches {speedUp / machine:P0} of it. Peak working set {peakMb:F0} MB."));
        if (!sameResults) Terminal.ErrorLine($"1 worker and {workers} workers gave different results (metric sums {times[0].Checksum:R} and {times[1].Checksum:R})");
        return sameResults ? ExitCodes.Success : ExitCodes.ChecksFailed;
    }
}
