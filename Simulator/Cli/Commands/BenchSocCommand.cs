using System.ComponentModel;
using NodeSim.Benchmarks;
using NodeSim.Models.Soc;
using Spectre.Console;
using Spectre.Console.Cli;
using NodeSim.Cli.Conventions;

namespace NodeSim.Cli.Commands;

/// <summary><c>nodesim bench soc</c>: SoC-model throughput.</summary>
public sealed class BenchSocCommand : Command<BenchSocCommand.Settings>
{
    public sealed class Settings : BenchSettings
    {
        [CommandOption("--runs <N>")]
        [Description("Measured runs of each case (after at least one warm-up round and --warmup seconds); medians are reported.")]
        [DefaultValue(3)]
        public int Runs { get; init; } = 3;

        [CommandOption("--accesses <N>")]
        [Description("Measured accesses per characterisation (plus a quarter as many to warm up).")]
        [DefaultValue(1_000_000)]
        public int Accesses { get; init; } = 1_000_000;

        protected override ValidationResult ValidateCommand() =>
            Runs < 1 || Accesses < 1 ? ValidationResult.Error("--runs and --accesses must be at least 1") : ValidationResult.Success();
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var soc = SocPresets.PineA64;
        Terminal.Note($"{soc.Name}: 5 patterns × (native, stage-2 4 KB) over 256 MiB, {settings.Accesses:N0} accesses each");
        var cases = BenchmarkHarness.Compare(settings.Runs, 1, settings.WarmupSeconds, SocBenchmark.Cases(soc, settings.Accesses), Terminal.Note);
        Terminal.Note("the default characterisation (random over 256 MiB, 4 KB pages, no stage 2)");
        var @default = BenchmarkHarness.Compare(settings.Runs, 1, settings.WarmupSeconds,
            [("default", () => new BenchRun(SocBenchmark.Default.Accesses, SocCharacterizer.Run(soc, SocBenchmark.Default).TotalCyclesPerAccess))], Terminal.Note)[0];
        var total = cases.Sum(c => c.Events) / cases.Sum(c => c.MedianSeconds);
        if (settings.Json)
        {
            Terminal.WriteJson(new
            {
                warmup_s = settings.WarmupSeconds,
                preset = soc.Name,
                cases = cases.Select(c => new { @case = c.Name, median_s = c.MedianSeconds, accesses_per_s = c.EventsPerSecond, cycles_per_access = c.Checksum }),
                all_cases_accesses_per_s = total,
                default_characterization_s = @default.MedianSeconds,
            });
            return ExitCodes.Success;
        }
        var t = new Table().Title($"SoC models on {soc.Name} (256 MiB working set)").AddColumn("pattern/translation")
            .AddColumn(new TableColumn("median wall").RightAligned()).AddColumn(new TableColumn("accesses/s").RightAligned())
            .AddColumn(new TableColumn("cycles/access").RightAligned());
        foreach (var c in cases) t.AddRow(c.Name, $"{c.MedianSeconds:F3} s", $"{c.EventsPerSecond / 1e6:F1} M", $"{c.Checksum:F1}");
        Terminal.Out.Write(t);
        Terminal.Out.MarkupLine($"all cases together: {total / 1e6:F1} M accesses/s; the default characterisation (250 k warm-up + 1 M accesses): {@default.MedianSeconds:F3} s");
        return ExitCodes.Success;
    }
}
