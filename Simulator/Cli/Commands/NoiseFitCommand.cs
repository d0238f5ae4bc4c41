using System.ComponentModel;
using System.Globalization;
using System.Text;
using NodeSim.Cli.Conventions;
using NodeSim.Orchestration;
using NodeSim.Traces.Noise;
using Spectre.Console;
using Spectre.Console.Cli;

namespace NodeSim.Cli.Commands;

/// <summary>
/// <c>nodesim noise fit TRACE</c>: the parametric noise model fitted to a measured trace — its tick and the rest as Poisson
/// daemons with log-normal runs — with the goodness of each part, and a ready <c>define_stacks</c> block.
/// </summary>
public sealed class NoiseFitCommand(Registries registries) : Command<NoiseFitCommand.Settings>
{
    public sealed class Settings : JsonSettings
    {
        [CommandArgument(0, "<TRACE>")]
        [Description("A noise trace (NodeSim's, a CSV core,start_ns,duration_ns, or LogGOPSim's start<TAB>duration; .gz too).")]
        public string Trace { get; init; } = "";

        [CommandOption("--preset <NAME>")]
        [Description("The SoC whose clock turns the tick's measured length into tick_handler_cycles: {presets} (default pine-a64).")]
        public string Preset { get; init; } = "pine-a64";

        [CommandOption("--name <STACK>")]
        [Description("The name of the stack in the define_stacks block (default measured-linux).")]
        public string Name { get; init; } = "measured-linux";
    }

    public override int Execute(CommandContext context, Settings s, CancellationToken cancellationToken)
    {
        var soc = Choices.Named(registries.Models.Socs, s.Preset, "--preset").Model;
        if (!System.Text.RegularExpressions.Regex.IsMatch(s.Name, "^[A-Za-z0-9][A-Za-z0-9_.-]*$"))
            throw new UserInputException($"--name: '{Models.Printable.Of(s.Name)}' is not a stack name; use letters, digits, '-', '_' and '.'");
        var trace = NoiseTraceReader.Read(s.Trace);
        var fit = NoiseFit.Of(trace);
        var tick = fit.Periodic.FirstOrDefault();
        var yaml = Block(s, trace, fit, tick, soc.FrequencyHz);
        if (s.Json)
        {
            Terminal.WriteJson(new
            {
                path = s.Trace, verdict = fit.Verdict,
                periodic = fit.Periodic.Select(p => new { frequency_hz = p.FrequencyHz, median_ns = p.MedianNs, cores = p.Cores, coverage = p.DetoursPerTick,
                    ks = p.Regularity.KsDistance, verdict = p.Regularity.Verdict }),
                poisson = new { rate_per_second = fit.RatePerSecond, detours = fit.RestDetours, arrivals_ks = fit.Arrivals.KsDistance, arrivals_verdict = fit.Arrivals.Verdict },
                lognormal = new { median_ns = fit.MedianNs, log_sigma = fit.LogSigma, ks = fit.Durations.KsDistance, verdict = fit.Durations.Verdict },
                define_stacks = yaml,
            });
            return ExitCodes.Success;
        }
        var t = new Table().Title(Terminal.Cell($"{s.Trace}: the parametric model fitted (Kolmogorov–Smirnov distance; good ≤ 0.05, fair ≤ 0.1)"))
            .AddColumn("part").AddColumn("fitted").AddColumn(new TableColumn("KS").RightAligned()).AddColumn("fit");
        foreach (var p in fit.Periodic)
            t.AddRow("periodic", $"{p.FrequencyHz:G6} Hz, {NoiseSummaryOutput.Ns(p.MedianNs)} each, on {p.Cores} core(s)", $"{p.Regularity.KsDistance:F3}", p.Regularity.Verdict);
        t.AddRow("Poisson arrivals", $"{fit.RatePerSecond:G4} per second per core ({fit.RestDetours:N0} detours)", $"{fit.Arrivals.KsDistance:F3}", fit.Arrivals.Verdict);
        t.AddRow("log-normal runs", $"median {NoiseSummaryOutput.Ns(fit.MedianNs)}, σ {fit.LogSigma:G3}", $"{fit.Durations.KsDistance:F3}", fit.Durations.Verdict);
        Terminal.Out.Write(t);
        if (fit.Verdict == "poor")
            Terminal.Note("warning: the model fits this trace poorly (a KS distance above 0.1): its parameters below are the model's nearest, not a description of this noise; replay the trace itself instead");
        if (fit.RestDetours < 2) Terminal.Note("note: fewer than two detours outside the periodic components: the block has no daemons");
        // Raw, not through the table console: a wrapped line would not be YAML.
        Terminal.WriteResult(yaml);
        return ExitCodes.Success;
    }

    /// <summary>The fitted values as a stack a campaign defines: a Linux kernel whose tick and daemons are the fit's.</summary>
    private static string Block(Settings s, NoiseTrace trace, NoiseFit fit, PeriodicFit? tick, double hz)
    {
        var h = trace.Header;
        string F(double v) => v.ToString("G4", CultureInfo.InvariantCulture);
        var b = new StringBuilder();
        b.Append("define_stacks:\n");
        b.Append($"  # fitted by nodesim noise fit from {Models.Printable.Of(Path.GetFileName(s.Trace), 80)}; fit {fit.Verdict}\n");
        if (h.Machine is { } m) b.Append($"  # measured on {Models.Printable.Of(m, 100)}{(h.Condition is { } c ? ", " + Models.Printable.Of(c, 100) : "")}\n");
        b.Append($"  {s.Name}:\n");
        b.Append("    primary: linux\n");
        b.Append("    set:\n");
        b.Append($"      primary.tick_hz: {(tick is null ? "0" : F(tick.FrequencyHz))}\n");
        b.Append($"      primary.tick_handler_cycles: {(tick is null ? "0" : F(tick.MedianNs * 1e-9 * hz))}   # the measured tick's length at {F(hz / 1e6)} MHz\n");
        b.Append("      primary.pollution_cycles: 0   # the measured detours include what the caches cost\n");
        var daemons = fit.RestDetours >= 2;
        b.Append($"      primary.daemon_rate_per_second: {(daemons ? F(fit.RatePerSecond) : "0")}\n");
        b.Append($"      primary.daemon_median_seconds: {(daemons ? F(fit.MedianNs * 1e-9) : "0")}\n");
        b.Append($"      primary.daemon_log_sigma: {(daemons ? F(fit.LogSigma) : "0")}");
        return b.ToString();
    }
}
