using System.ComponentModel;
using NodeSim.Benchmarks;
using NodeSim.Engine;
using Spectre.Console;
using Spectre.Console.Cli;
using NodeSim.Cli.Conventions;

namespace NodeSim.Cli.Commands;

/// <summary><c>nodesim bench job</c>: the event-level job window's cost per detour.</summary>
public sealed class BenchJobCommand : Command<BenchJobCommand.Settings>
{
    public sealed class Settings : BenchSettings
    {
        [CommandOption("--runs <N>")]
        [Description("Measured runs of each case (after at least one warm-up round and --warmup seconds); medians are reported.")]
        [DefaultValue(3)]
        public int Runs { get; init; } = 3;

        protected override ValidationResult ValidateCommand() =>
            Runs < 1 ? ValidationResult.Error("--runs must be at least 1") : ValidationResult.Success();
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var characterized = new RunContext();
        var rows = new List<(JobBenchmark.Case Case, Measurement Window, Measurement Noise, double Ratio, double Simulated)>();
        foreach (var c in JobBenchmark.Cases)
        {
            Terminal.Note($"{Label(c)} on {c.Ranks:N0} ranks under {c.Stack.Name}, {c.Interconnect.Name}, 2 s simulated");
            var m = BenchmarkHarness.Compare(settings.Runs, 1, settings.WarmupSeconds, JobBenchmark.Ways(c, characterized), Terminal.Note);
            rows.Add((c, m[0], m[1], BenchmarkHarness.PairedRatio(m[0], m[1]), m[1].Checksum));
        }
        if (settings.Json)
        {
            Terminal.WriteJson(new
            {
                warmup_s = settings.WarmupSeconds,
                cases = rows.Select(r => new
                {
                    profile = Label(r.Case), stack = r.Case.Stack.Name, ranks = r.Case.Ranks, interconnect = r.Case.Interconnect.Name, simulated_s = r.Simulated, detours = r.Window.Events,
                    window_median_s = r.Window.MedianSeconds, ns_per_detour = 1e9 * r.Window.MedianSeconds / Math.Max(1, r.Window.Events),
                    noise_alone_median_s = r.Noise.MedianSeconds, ratio_to_noise_alone = r.Ratio, slowdown_pct = r.Window.Checksum,
                }),
            });
            return ExitCodes.Success;
        }
        var t = new Table().Title("event-level job windows: 2 s simulated, pine-a64").AddColumn("profile").AddColumn("stack").AddColumn("interconnect").AddColumn(new TableColumn("ranks").RightAligned())
            .AddColumn(new TableColumn("detours").RightAligned()).AddColumn(new TableColumn("median wall").RightAligned())
            .AddColumn(new TableColumn("ns/detour").RightAligned()).AddColumn(new TableColumn("noise alone").RightAligned())
            .AddColumn(new TableColumn("window / noise alone").RightAligned()).AddColumn(new TableColumn("slowdown").RightAligned());
        foreach (var r in rows)
            t.AddRow(Label(r.Case), r.Case.Stack.Name, r.Case.Interconnect.Name, $"{r.Case.Ranks:N0}", $"{r.Window.Events:N0}", $"{r.Window.MedianSeconds:F3} s",
                $"{1e9 * r.Window.MedianSeconds / Math.Max(1, r.Window.Events):F0}", $"{r.Noise.MedianSeconds:F3} s", $"{r.Ratio:F2}×", $"{r.Window.Checksum:F2} %");
        Terminal.Out.Write(t);
        Terminal.Out.MarkupLine("noise alone: the same cores' detours over the same simulated time with no job to hold up (medians, one core).");
        return ExitCodes.Success;
    }

    /// <summary>The case's profile, with its allreduce when it names one.</summary>
    private static string Label(JobBenchmark.Case c) =>
        c.Job.Allreduce == Models.Workloads.AllreduceAlgorithm.Auto ? c.Job.Name : $"{c.Job.Name} ({Models.Workloads.AllreduceAlgorithms.NameOf(c.Job.Allreduce)})";
}
