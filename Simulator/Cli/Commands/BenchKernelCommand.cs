using System.ComponentModel;
using NodeSim.Benchmarks;
using Spectre.Console;
using Spectre.Console.Cli;
using NodeSim.Cli.Conventions;

namespace NodeSim.Cli.Commands;

/// <summary><c>nodesim bench kernel</c>: kernel throughput against a bare loop in the same process.</summary>
public sealed class BenchKernelCommand : Command<BenchKernelCommand.Settings>
{
    /// <summary>Rounds before measuring, at the least (the harness also warms up for at least --warmup seconds).</summary>
    private const int Warmups = 3;

    public sealed class Settings : BenchSettings
    {
        [CommandOption("--runs <N>")]
        [Description("Measured runs of each way (after at least three warm-up rounds and --warmup seconds); medians are reported.")]
        [DefaultValue(5)]
        public int Runs { get; init; } = 5;

        [CommandOption("--customers <N>")]
        [Description("Customers of the M/M/4 model.")]
        [DefaultValue(1_000_000L)]
        public long Customers { get; init; } = 1_000_000;

        [CommandOption("--processes <N>")]
        [Description("Concurrent processes of the timeout model.")]
        [DefaultValue(10_000)]
        public int Processes { get; init; } = 10_000;

        [CommandOption("--timeouts <N>")]
        [Description("Timeouts per process in the timeout model.")]
        [DefaultValue(500)]
        public int Timeouts { get; init; } = 500;

        [CommandOption("--operations <N>")]
        [Description("Repetitions of each kernel primitive.")]
        [DefaultValue(2_000_000L)]
        public long Operations { get; init; } = 2_000_000;

        protected override ValidationResult ValidateCommand() =>
            Runs < 1 ? ValidationResult.Error("--runs must be at least 1")
            : Customers < 1 || Processes < 1 || Timeouts < 1 || Operations < 1 ? ValidationResult.Error("--customers, --processes, --timeouts and --operations must be positive")
            : ValidationResult.Success();
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var sizes = new KernelBenchmark.Sizes(settings.Customers, settings.Processes, settings.Timeouts, settings.Operations);
        Terminal.Note($"M/M/4 (ρ = 0.9, {sizes.Customers:N0} customers): warm-up (≥ {Warmups} rounds, ≥ {settings.WarmupSeconds:G} s) + {settings.Runs} runs of each way");
        var mmc = BenchmarkHarness.Compare(settings.Runs, Warmups, settings.WarmupSeconds, KernelBenchmark.MultiServerQueueWays(sizes), Terminal.Note);
        Terminal.Note($"timeouts ({sizes.Processes:N0} processes × {sizes.TimeoutsPerProcess} timeouts): warm-up (≥ {Warmups} rounds, ≥ {settings.WarmupSeconds:G} s) + {settings.Runs} runs of each way");
        var timeouts = BenchmarkHarness.Compare(settings.Runs, Warmups, settings.WarmupSeconds, KernelBenchmark.TimeoutWays(sizes), Terminal.Note);
        Terminal.Note($"primitives ({sizes.Operations:N0} operations each): warm-up (≥ {Warmups} rounds, ≥ {settings.WarmupSeconds:G} s) + {settings.Runs} runs");
        var primitives = BenchmarkHarness.Compare(settings.Runs, Warmups, settings.WarmupSeconds, KernelBenchmark.PrimitiveWays(sizes), Terminal.Note);

        if (settings.Json)
        {
            Terminal.WriteJson(new
            {
                warmup_s = settings.WarmupSeconds,
                mmc = Summary(mmc), timeouts = Summary(timeouts),
                primitives = primitives.Select(p => new
                {
                    name = p.Name, ns_per_op = NanosecondsPerOperation(p), alloc_bytes_per_op = p.AllocatedBytesPerEvent,
                    entries_per_op = p.Checksum / p.Events, runs_s = p.WallSeconds,
                }),
                runs = settings.Runs,
            });
            return ExitCodes.Success;
        }
        Print("M/M/4, ρ = 0.9", mmc);
        Print("Concurrent timeouts", timeouts);
        PrintPrimitives(primitives);
        return ExitCodes.Success;
    }

    private static double NanosecondsPerOperation(Measurement m) => m.MedianSeconds * 1e9 / m.Events;

    private static object Summary(IReadOnlyList<Measurement> m)
    {
        var bare = m.Single(x => x.Name == "bare");
        var callback = m.Single(x => x.Name == "callback");
        var process = m.Single(x => x.Name == "process");
        return new
        {
            process_vs_bare = BenchmarkHarness.PairedRatio(process, bare),
            callback_vs_bare = BenchmarkHarness.PairedRatio(callback, bare),
            callback_alloc_bytes_per_event = callback.AllocatedBytesPerEvent,
            process_alloc_bytes_per_event = process.AllocatedBytesPerEvent,
            events = bare.Events,
            ways = m.Select(x => new
            {
                way = x.Name, median_s = x.MedianSeconds, events_per_s = x.EventsPerSecond,
                alloc_bytes_per_event = x.AllocatedBytesPerEvent, runs_s = x.WallSeconds,
                vs_bare_per_round = BenchmarkHarness.PairedRatios(x, bare), checksum = x.Checksum,
            }),
        };
    }

    private static void Print(string title, IReadOnlyList<Measurement> m)
    {
        var bare = m.Single(x => x.Name == "bare");
        var table = new Table().Title(title).AddColumn("way").AddColumn(new TableColumn("median wall").RightAligned())
            .AddColumn(new TableColumn("events/s").RightAligned()).AddColumn(new TableColumn("alloc B/event").RightAligned())
            .AddColumn(new TableColumn("× bare (paired median)").RightAligned()).AddColumn(new TableColumn("rounds' range").RightAligned())
            .AddColumn(new TableColumn("checksum").RightAligned());
        foreach (var x in m)
        {
            var ratios = BenchmarkHarness.PairedRatios(x, bare);
            table.AddRow(x.Name, $"{x.MedianSeconds:F3} s", $"{x.EventsPerSecond / 1e6:F2} M", $"{x.AllocatedBytesPerEvent:F2}",
                $"{BenchmarkHarness.PairedRatio(x, bare):F2}", $"{ratios.Min():F2}–{ratios.Max():F2}", $"{x.Checksum:G10}");
        }
        Terminal.Out.Write(table);
    }

    private static void PrintPrimitives(IReadOnlyList<Measurement> m)
    {
        var table = new Table().Title("Kernel primitives (one at a time, nothing else queued)").AddColumn("operation")
            .AddColumn(new TableColumn("median ns/op").RightAligned()).AddColumn(new TableColumn("alloc B/op").RightAligned())
            .AddColumn(new TableColumn("queue entries/op").RightAligned());
        foreach (var x in m)
            table.AddRow(x.Name, $"{NanosecondsPerOperation(x):F1}", $"{x.AllocatedBytesPerEvent:F0}", $"{x.Checksum / x.Events:F0}");
        Terminal.Out.Write(table);
    }
}
