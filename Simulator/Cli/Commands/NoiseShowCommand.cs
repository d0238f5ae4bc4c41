using System.ComponentModel;
using NodeSim.Cli.Conventions;
using NodeSim.Files;
using NodeSim.Reporting.Plots;
using NodeSim.Traces.Noise;
using Spectre.Console;
using Spectre.Console.Cli;

namespace NodeSim.Cli.Commands;

/// <summary><c>nodesim noise show TRACE</c>: what a noise trace holds, as the probe summarises what it measured.</summary>
public sealed class NoiseShowCommand(AtomicFile files) : Command<NoiseShowCommand.Settings>
{
    public sealed class Settings : JsonSettings
    {
        [CommandArgument(0, "<TRACE>")]
        [Description("A noise trace: NodeSim's (what noise probe writes), a CSV core,start_ns,duration_ns, or LogGOPSim's start<TAB>duration (ns); .gz too.")]
        public string Trace { get; init; } = "";

        [CommandOption("--plot <PREFIX>")]
        [Description("Also draw PREFIX-ccdf.png/.svg (detour lengths, log axes) and PREFIX-timeline.png/.svg (detours over time, per core).")]
        public string? Plot { get; init; }

        [CommandOption("--force")]
        [Description("Replace the --plot files when they exist.")]
        public bool Force { get; init; }
    }

    public override int Execute(CommandContext context, Settings s, CancellationToken cancellationToken)
    {
        var trace = NoiseTraceReader.Read(s.Trace);
        var summary = NoiseSummary.Of(trace);
        var h = trace.Header;
        if (s.Plot is not null)
        {
            var name = Path.GetFileName(s.Trace);
            foreach (var (suffix, figure) in new[] { ("ccdf", NoisePlots.Ccdf(trace, name)), ("timeline", NoisePlots.Timeline(trace, name)) })
            {
                foreach (var format in FigureFormats.Default)
                {
                    var bytes = figure.Render(format);
                    UserFile.Write(files, $"{s.Plot}-{suffix}{format.Extension()}", s.Force, "--plot", stream => stream.Write(bytes));
                }
            }
        }
        if (s.Json)
        {
            Terminal.WriteJson(new
            {
                path = s.Trace, format = h.Format, machine = h.Machine, kernel = h.Kernel, condition = h.Condition, resolution_ns = h.ResolutionNs,
                threshold_ns = h.ThresholdNs, summary = NoiseSummaryOutput.Json(summary),
            });
            return ExitCodes.Success;
        }
        NoiseSummaryOutput.Print($"{s.Trace} ({h.Format}{(h.Condition is { } c ? ", " + c : "")})", summary);
        if (h.Machine is not null || h.Kernel is not null) Terminal.Out.MarkupLine(Terminal.Cell($"measured on {h.Machine ?? "?"}, {h.Kernel ?? "?"}"));
        return ExitCodes.Success;
    }
}
