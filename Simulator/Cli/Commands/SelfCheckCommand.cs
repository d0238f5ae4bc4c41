using System.ComponentModel;
using NodeSim.Validation;
using Spectre.Console;
using Spectre.Console.Cli;
using NodeSim.Cli.Conventions;

namespace NodeSim.Cli.Commands;

/// <summary><c>nodesim selfcheck</c>: the kernel against queueing theory.</summary>
public sealed class SelfCheckCommand : Command<SelfCheckCommand.Settings>
{
    public sealed class Settings : JsonSettings
    {
        [CommandOption("--replications <N>")]
        [Description("Independent runs per model (each with its own seed).")]
        [DefaultValue(20)]
        public int Replications { get; init; } = 20;

        [CommandOption("--customers <N>")]
        [Description("Customers per run; the first 10% are discarded as warm-up.")]
        [DefaultValue(200_000L)]
        public long Customers { get; init; } = 200_000;

        [CommandOption("--seed <SEED>")]
        [Description("Root seed of the replications.")]
        [DefaultValue(1UL)]
        public ulong Seed { get; init; } = 1;

        public const long MaxCustomers = 100_000_000;
        public const int MaxReplications = 10_000;

        public override ValidationResult Validate()
        {
            if (Replications < 2) return ValidationResult.Error("--replications must be at least 2 (a confidence interval needs two runs)");
            if (Customers < 100) return ValidationResult.Error("--customers must be at least 100");
            // Each customer is a handful of events: beyond this, one model's replications take hours, and the check gains nothing.
            if (Customers > MaxCustomers) return ValidationResult.Error($"--customers must be at most {MaxCustomers:N0}");
            if (Replications > MaxReplications) return ValidationResult.Error($"--replications must be at most {MaxReplications:N0}");
            return ValidationResult.Success();
        }
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var options = new SelfCheckOptions(settings.Replications, settings.Customers, settings.Seed);
        var started = System.Diagnostics.Stopwatch.StartNew();
        var checks = SelfCheck.Run(options, model => Terminal.Note($"simulating {model} ({settings.Replications} replications × {settings.Customers:N0} customers)"));
        var pass = checks.All(c => c.Pass);
        if (settings.Json)
        {
            Terminal.WriteJson(new
            {
                checks = checks.Select(c => new
                {
                    name = c.Name, analytic = c.Analytic, simulated_mean = c.SimulatedMean,
                    ci_low = c.CiLow, ci_high = c.CiHigh, z = c.Z, unit = c.Unit, pass = c.Pass,
                }),
                pass,
            });
        }
        else
        {
            var table = new Table().Title($"Kernel validation against queueing theory ({settings.Replications} replications)")
                .AddColumn("model").AddColumn(new TableColumn("analytic").RightAligned())
                .AddColumn(new TableColumn("simulated").RightAligned()).AddColumn(new TableColumn("95% CI").RightAligned())
                .AddColumn(new TableColumn("z").RightAligned()).AddColumn("unit").AddColumn("result");
            foreach (var c in checks)
                table.AddRow(Terminal.Cell(c.Name), $"{c.Analytic:F4}", $"{c.SimulatedMean:F4}", $"[[{c.CiLow:F4}, {c.CiHigh:F4}]]",
                    $"{c.Z:+0.0;-0.0}", c.Unit, c.Pass ? "[green]pass[/]" : "[red]FAIL[/]");
            Terminal.Out.Write(table);
            Terminal.Out.MarkupLine($"[grey]A check passes when the analytic value lies within the {SelfCheck.PassLevel * 100:F1}% confidence interval.[/]");
            Terminal.Out.MarkupLine(pass
                ? $"[green]All {checks.Count} checks passed[/] in {started.Elapsed.TotalSeconds:F1} s."
                : $"[red]{checks.Count(c => !c.Pass)} of {checks.Count} checks failed.[/]");
        }
        return pass ? ExitCodes.Success : ExitCodes.ChecksFailed;
    }
}
