using System.ComponentModel;
using NodeSim.Cli.Conventions;
using NodeSim.Engine;
using NodeSim.Engine.Kinds;
using NodeSim.Models.Costs;
using NodeSim.Orchestration;
using Spectre.Console;
using Spectre.Console.Cli;

namespace NodeSim.Cli.Commands;

/// <summary><c>nodesim job</c>: one job's slowdown under a stack, split by cause — a job scenario's run, reported by the metrics the job kind declares.</summary>
public sealed class JobCommand(Registries registries) : Command<JobCommand.Settings>
{
    public sealed class Settings : JsonSettings
    {
        [CommandOption("--profile <NAME>")]
        [Description("What the job does: {profiles}.")]
        public string? Profile { get; init; }

        [CommandOption("--ranks <N>")]
        [Description("Ranks, one per core (default {job.ranks}).")]
        public string? Ranks { get; init; }

        [CommandOption("--stack <NAME>")]
        [Description("The isolation stack: {stacks}.")]
        public string? Stack { get; init; }

        [CommandOption("--preset <NAME>")]
        [Description("The node's SoC: {presets} (default {job.preset}).")]
        public string? Preset { get; init; }

        [CommandOption("--inject-noise <SPEC>")]
        [Description("Add periodic noise: FREQUENCY:DURATION[[:sync]], e.g. 10hz:2500us (random phase per rank) or 10hz:2500us:sync.")]
        public string? InjectNoise { get; init; }

        [CommandOption("--interconnect <NAME>")]
        [Description("The network between nodes: {interconnects} (default {job.interconnect}). polled: MPI polling an HPC fabric; gige-tcp: 1 GbE, kernel TCP, an interrupt per message.")]
        public string? Interconnect { get; init; }

        [CommandOption("--window <SECONDS>")]
        [Description("Simulated time of the job's window (default {job.window_s} s).")]
        public string? Window { get; init; }

        [CommandOption("--housekeeping <HOW>")]
        [Description("How the job pays for a stack's housekeeping cores: more_nodes or spread (default {job.housekeeping}).")]
        public string? Housekeeping { get; init; }

        [CommandOption("--seed <SEED>")]
        [DefaultValue(1UL)]
        public ulong Seed { get; init; } = 1;
    }

    public override int Execute(CommandContext context, Settings s, CancellationToken cancellationToken)
    {
        var models = registries.Models;
        var kind = new JobKind(models);
        // The options are a job scenario's parameters: bound and resolved by the job kind, as a campaign's are.
        var stack = Choices.Named(models.Stacks, s.Stack ?? throw new UserInputException($"--stack is required; choose from: {string.Join(", ", models.Stacks.Names)}"), "--stack");
        var work = (JobWork)new KindOptions(kind, models)
            .Set("profile", "--profile", s.Profile).Set("ranks", "--ranks", s.Ranks).Set("inject_noise", "--inject-noise", s.InjectNoise)
            .Set("window_s", "--window", s.Window).Set("preset", "--preset", s.Preset).Set("interconnect", "--interconnect", s.Interconnect).Set("housekeeping", "--housekeeping", s.Housekeeping)
            .Resolve(stack, s.Seed);
        var (profile, soc, noise, network) = (work.Request.Profile, work.Request.Soc, work.Request.Injected, work.Request.Network);
        // A window of many ranks runs for minutes: after a second, its progress shows.
        var r = ProgressDisplay.Fraction($"{work.Request.Profile.Name} on {work.Request.Ranks:N0} ranks under {stack.Name}",
            progress => JobExecution.Run(work.Request, new RunContext(), progress)).Placed(Placement.Of(work.Housekeeping, work.Request.Ranks, stack, work.Request.Soc));
        var metrics = kind.Measure(r);
        if (s.Json)
        {
            var json = new Dictionary<string, object?>
            {
                ["profile"] = profile.Name, ["stack"] = stack.Name, ["ranks"] = work.Request.Ranks, ["preset"] = soc.Name, ["interconnect"] = network.Name,
                ["inject_noise"] = noise is null ? null : new { frequency_hz = noise.FrequencyHz, duration_s = noise.DurationSeconds, synchronized = noise.Synchronized },
            };
            foreach (var (key, value) in MetricJson.Of(kind.Metrics, metrics.Select(m => m.Value))) json[key] = value;
            json["iterations"] = r.Iterations;
            Terminal.WriteJson(json);
            return ExitCodes.Success;
        }
        var t = new Table().Title(Terminal.Cell($"{profile.Name} on {work.Request.Ranks:N0} ranks under {stack.Name} ({soc.Name})"))
            .AddColumn("cause").AddColumn(new TableColumn("% of ideal time").RightAligned()).AddColumn("what it is");
        foreach (var c in OverheadCauses.All)
        {
            t.AddRow(OverheadCauses.Key(c), $"{r.LedgerPct[c]:F3}", Terminal.Cell(OverheadCauses.Description(c)));
            if (c != OverheadCause.CollectiveAmplification) continue;
            // The amplification by the cause of the detours on the critical path: indented, as parts of the line above.
            foreach (var n in OverheadCauses.Noise.Where(n => Math.Abs(r.AmplificationPct[n]) >= 5e-4))
                t.AddRow($"  of {OverheadCauses.Key(n)}", $"[dim]{r.AmplificationPct[n]:F3}[/]", Terminal.Cell($"… made of {OverheadCauses.Description(n)}"));
        }
        t.AddRow("[bold]slowdown[/]", $"[bold]{r.SlowdownPct:F3}[/]", "the sum of the above");
        Terminal.Out.Write(t);
        Terminal.Out.MarkupLine($"per second, all ranks: {string.Join(", ", Counters.All.Select(c => $"{r.Rate(c):N0} {Counters.Key(c).Replace('_', ' ')}"))}; " +
                                $"{r.Iterations:N0} iterations ({r.SimulatedSeconds:F2} s) simulated");
        return ExitCodes.Success;
    }
}
