using System.ComponentModel;
using NodeSim.Benchmarks;
using NodeSim.Engine;
using NodeSim.Models.Isolation;
using NodeSim.Traces;
using Spectre.Console;
using Spectre.Console.Cli;
using NodeSim.Traces.Sources;
using NodeSim.Cli.Conventions;

namespace NodeSim.Cli.Commands;

/// <summary><c>nodesim bench stacks</c>: replay under the isolation stacks, and what its cost does not depend on.</summary>
public sealed class BenchStacksCommand : Command<BenchStacksCommand.Settings>
{
    public sealed class Settings : BenchSettings
    {
        [CommandOption("--runs <N>")]
        [Description("Measured runs of each case (after at least one warm-up round and --warmup seconds); medians are reported.")]
        [DefaultValue(3)]
        public int Runs { get; init; } = 3;

        [CommandOption("--trace <FILE>")]
        [Description("The workload (default: ../shared/traces/lublin_256.swf.gz when present, else a generated 10,000-job trace).")]
        public string? Trace { get; init; }

        protected override ValidationResult ValidateCommand() => Runs < 1 ? ValidationResult.Error("--runs must be at least 1") : ValidationResult.Success();
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var path = settings.Trace ?? ReplayBenchmark.SharedLublin();
        var workload = path is null ? ReplayBenchmark.Generated(10_000) : BatchWorkload.Load(new WorkloadSource.File(path));
        var stacks = IsolationStack.BuiltIn;
        Terminal.Note($"{workload.Name}: {workload.Jobs.Count:N0} jobs on {workload.Machine.Nodes} pine-a64 nodes, FCFS + EASY, the default mix, all {stacks.Count} stacks");
        var all = BenchmarkHarness.Compare(settings.Runs, 1, settings.WarmupSeconds,
        [
            ("cold", StacksBenchmark.Replay(workload, stacks, cold: true)),
            ("warm", StacksBenchmark.Replay(workload, stacks, cold: false)),
        ], Terminal.Note);
        Terminal.Note("Linux tick at 100 Hz and at 1000 Hz (native-linux, hafnium-linux), job executions simulated afresh");
        var hz = BenchmarkHarness.Compare(settings.Runs, 1, settings.WarmupSeconds,
        [
            ("100 Hz", StacksBenchmark.Replay(workload, StacksBenchmark.LinuxAt(100), cold: true)),
            ("1000 Hz", StacksBenchmark.Replay(workload, StacksBenchmark.LinuxAt(1000), cold: true)),
        ], Terminal.Note);
        Terminal.Note("run times (and submit times) × 10, all stacks, job executions simulated afresh");
        var stretched = workload.Dilated(10);
        var duration = BenchmarkHarness.Compare(settings.Runs, 1, settings.WarmupSeconds,
        [
            ("×1", StacksBenchmark.Replay(workload, stacks, cold: true)),
            ("×10", StacksBenchmark.Replay(stretched, stacks, cold: true)),
        ], Terminal.Note);
        var hzRatio = BenchmarkHarness.PairedRatio(hz[1], hz[0]);
        var durationRatio = BenchmarkHarness.PairedRatio(duration[1], duration[0]);
        if (settings.Json)
        {
            Terminal.WriteJson(new
            {
                warmup_s = settings.WarmupSeconds,
                trace = workload.Name, jobs = workload.Jobs.Count, stacks = stacks.Select(s => s.Name),
                all_stacks_cold_median_s = all[0].MedianSeconds, all_stacks_warm_median_s = all[1].MedianSeconds,
                hz100_median_s = hz[0].MedianSeconds, hz1000_median_s = hz[1].MedianSeconds, hz1000_vs_hz100 = hzRatio,
                runtime_x1_median_s = duration[0].MedianSeconds, runtime_x10_median_s = duration[1].MedianSeconds, runtime_x10_vs_x1 = durationRatio,
            });
            return ExitCodes.Success;
        }
        var t = new Table().Title(Terminal.Cell($"Replay of {workload.Name} under isolation stacks")).AddColumn("case")
            .AddColumn(new TableColumn("median wall").RightAligned()).AddColumn(new TableColumn("ratio").RightAligned());
        t.AddRow("all 5 stacks, job executions simulated afresh", $"{all[0].MedianSeconds:F3} s", "");
        t.AddRow("all 5 stacks, job executions cached", $"{all[1].MedianSeconds:F3} s", "");
        t.AddRow("Linux stacks, tick 100 Hz", $"{hz[0].MedianSeconds:F3} s", "");
        t.AddRow("Linux stacks, tick 1000 Hz", $"{hz[1].MedianSeconds:F3} s", $"{hzRatio:F2} × 100 Hz");
        t.AddRow("all stacks, run times × 1", $"{duration[0].MedianSeconds:F3} s", "");
        t.AddRow("all stacks, run times × 10", $"{duration[1].MedianSeconds:F3} s", $"{durationRatio:F2} × ×1");
        Terminal.Out.Write(t);
        return ExitCodes.Success;
    }
}
