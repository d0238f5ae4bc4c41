using System.ComponentModel;
using System.Globalization;
using NodeSim.Calibration;
using NodeSim.Cli.Conventions;
using NodeSim.Files;
using NodeSim.Traces.Noise;
using Spectre.Console;
using Spectre.Console.Cli;

namespace NodeSim.Cli.Commands;

/// <summary><c>nodesim noise probe</c>: measures this machine's noise, core by core, into a trace NodeSim can replay and fit.</summary>
public sealed class NoiseProbeCommand(AtomicFile files) : Command<NoiseProbeCommand.Settings>
{
    public sealed class Settings : JsonSettings
    {
        [CommandOption("--out <FILE>")]
        [Description("The trace to write (NodeSim's noise format); an existing file only with --force.")]
        public string? Out { get; init; }

        [CommandOption("--force")]
        [Description("Replace the --out file when it exists.")]
        public bool Force { get; init; }

        [CommandOption("--cores <CORE,...>")]
        [Description("The cores to probe, e.g. 0,1,2,3 or 1-3, or all (default: all of this machine's).")]
        public string Cores { get; init; } = "all";

        [CommandOption("--seconds <SECONDS>")]
        [Description("How long to probe each core, all at once (default 10).")]
        [DefaultValue(10.0)]
        public double Seconds { get; init; } = 10;

        [CommandOption("--threshold-ns <NS>")]
        [Description("A gap between two clock reads above this is a detour (default: 1 µs, or ten loop iterations if longer).")]
        public double? ThresholdNs { get; init; }

        [CommandOption("--condition <TEXT>")]
        [Description("What the machine is doing while probed, for the trace's header: idle, loaded, in a VM, … (default idle).")]
        [DefaultValue("idle")]
        public string Condition { get; init; } = "idle";

        public override ValidationResult Validate() =>
            !(Seconds >= 0.01 && Seconds <= 3600) ? ValidationResult.Error("--seconds must be from 0.01 to 3600")
            : ThresholdNs is { } t && !(t > 0 && t < 1e9) ? ValidationResult.Error("--threshold-ns must be above 0 and below 1e9")
            : ValidationResult.Success();
    }

    public override int Execute(CommandContext context, Settings s, CancellationToken cancellationToken)
    {
        var cores = Cores(s.Cores);
        if (s.Out is not null) UserFile.Check(s.Out, s.Force, "--out");
        Terminal.Note($"probing {cores.Count} core{(cores.Count == 1 ? "" : "s")} ({string.Join(",", cores)}) for {s.Seconds:G} s; keep the machine as it should be measured ({s.Condition})");
        var report = NoiseProbe.Run(cores, s.Seconds, s.ThresholdNs, s.Condition, cancellationToken);
        if (!report.Pinned) Terminal.Note("warning: the probe threads could not be pinned to their cores (pinning needs Linux); the OS may have moved them");
        if (report.Dropped > 0) Terminal.Note($"warning: {report.Dropped:N0} detours were not recorded (a core's buffer was full); the noise is heavier than the probe expects");
        if (s.Out is not null) UserFile.Write(files, s.Out, s.Force, "--out", stream => NoiseTraceWriter.Write(stream, report.Trace));
        var summary = NoiseSummary.Of(report.Trace);
        if (s.Json)
        {
            Terminal.WriteJson(new
            {
                out_file = s.Out, cores, seconds = s.Seconds, resolution_ns = report.ResolutionNs, fastest_ns = report.FastestNs, threshold_ns = report.ThresholdNs,
                pinned = report.Pinned, dropped = report.Dropped, machine = report.Trace.Header.Machine, kernel = report.Trace.Header.Kernel,
                condition = s.Condition, summary = NoiseSummaryOutput.Json(summary),
            });
            return ExitCodes.Success;
        }
        Terminal.Out.MarkupLine(Terminal.Cell($"resolution: the loop reads the clock every {NoiseSummaryOutput.Ns(report.ResolutionNs)} undisturbed " +
                                              $"(fastest {NoiseSummaryOutput.Ns(report.FastestNs)}); detours are gaps above {NoiseSummaryOutput.Ns(report.ThresholdNs)}"));
        NoiseSummaryOutput.Print($"noise on {report.Trace.Header.Machine}", summary);
        if (s.Out is not null) Terminal.Note("replay it as a noise source (--noise-trace, or noise_trace in define_stacks), fit it with nodesim noise fit, or look again with nodesim noise show");
        return ExitCodes.Success;
    }

    /// <summary>"all", or a list of cores and ranges (0,2,4-7), each a core of this machine, each once.</summary>
    private static IReadOnlyList<int> Cores(string text)
    {
        var machine = Environment.ProcessorCount;
        if (text.Trim() == "all") return [.. Enumerable.Range(0, machine)];
        var cores = new SortedSet<int>();
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var bounds = part.Split('-');
            if (bounds.Length is < 1 or > 2 || !bounds.All(b => int.TryParse(b, NumberStyles.None, CultureInfo.InvariantCulture, out _)))
                throw new UserInputException($"--cores: '{Models.Printable.Of(part)}' is not a core or a range of cores (e.g. 0,1 or 0-3, or all)");
            var (from, to) = (int.Parse(bounds[0], CultureInfo.InvariantCulture), int.Parse(bounds[^1], CultureInfo.InvariantCulture));
            if (to < from) throw new UserInputException($"--cores: the range {part} runs backwards");
            if (to >= machine) throw new UserInputException($"--cores: core {to} is not one of this machine's {machine} (0 to {machine - 1})");
            for (var c = from; c <= to; c++) cores.Add(c);
        }
        return cores.Count > 0 ? [.. cores] : throw new UserInputException("--cores: name at least one core");
    }
}
