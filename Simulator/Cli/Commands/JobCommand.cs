using System.ComponentModel;
using NodeSim.Engine;
using NodeSim.Models.Isolation;
using Spectre.Console;
using Spectre.Console.Cli;

namespace NodeSim.Cli.Commands;

/// <summary><c>nodesim job</c>: one job's slowdown under a stack, split by cause.</summary>
public sealed class JobCommand : Command<JobCommand.Settings>
{
    public sealed class Settings : JsonSettings
    {
        [CommandOption("--profile <NAME>")]
        [Description("compute, stream, gups, stencil, bsp-allreduce or io.")]
        public string? Profile { get; init; }

        [CommandOption("--ranks <N>")]
        [Description("Ranks (one per core).")]
        [DefaultValue(4)]
        public int Ranks { get; init; } = 4;

        [CommandOption("--stack <NAME>")]
        [Description("ideal, native-linux, native-kitten, hafnium-linux or hafnium-kitten.")]
        public string? Stack { get; init; }

        [CommandOption("--preset <NAME>")]
        [Description("The node's SoC.")]
        [DefaultValue("pine-a64")]
        public string Preset { get; init; } = "pine-a64";

        [CommandOption("--inject-noise <SPEC>")]
        [Description("Add periodic noise: FREQUENCY:DURATION[[:sync]], e.g. 10hz:2500us (random phase per rank) or 10hz:2500us:sync.")]
        public string? InjectNoise { get; init; }

        [CommandOption("--interconnect <NAME>")]
        [Description("The network between nodes: polled (default; MPI polling an HPC fabric) or gige-tcp (1 GbE, kernel TCP, an interrupt per message).")]
        [DefaultValue("polled")]
        public string Interconnect { get; init; } = "polled";

        [CommandOption("--seed <SEED>")]
        [DefaultValue(1UL)]
        public ulong Seed { get; init; } = 1;


        public override ValidationResult Validate() =>
            Profile is null ? ValidationResult.Error("--profile is required (compute, stream, gups, stencil, bsp-allreduce, io)")
            : Stack is null ? ValidationResult.Error("--stack is required (ideal, native-linux, native-kitten, hafnium-linux, hafnium-kitten)")
            : Ranks is < 1 or > 1_000_000 ? ValidationResult.Error("--ranks must be between 1 and 1,000,000")
            : ValidationResult.Success();
    }

    public override int Execute(CommandContext context, Settings s, CancellationToken cancellationToken)
    {
        var profile = StackChoices.Profile(s.Profile!);
        var stack = StackChoices.Stack(s.Stack!);
        var soc = StackChoices.Preset(s.Preset);
        var noise = s.InjectNoise is null ? null : StackChoices.Noise(s.InjectNoise);
        var network = StackChoices.Interconnect(s.Interconnect);
        var r = new RunExecutor().Job(new JobExecutionRequest(profile, stack, s.Ranks, soc, noise, s.Seed, Interconnect: network));
        if (s.Json)
        {
            Terminal.WriteJson(new
            {
                profile = profile.Name, stack = stack.Name, ranks = s.Ranks, preset = soc.Name, interconnect = network.Name,
                inject_noise = noise is null ? null : new { frequency_hz = noise.FrequencyHz, duration_s = noise.DurationSeconds, synchronized = noise.Synchronized },
                slowdown_pct = r.SlowdownPct,
                ledger = OverheadCauses.All.ToDictionary(c => OverheadCauses.Key(c) + "_pct", c => r.LedgerPct[c]),
                amplification = OverheadCauses.Noise.ToDictionary(c => OverheadCauses.AmplifiedKey(c) + "_pct", c => r.AmplificationPct[c]),
                counters = new
                {
                    world_switches_per_s = r.WorldSwitchesPerSecond, hypercalls_per_s = r.HypercallsPerSecond,
                    injected_interrupts_per_s = r.InjectedInterruptsPerSecond, mailbox_messages_per_s = r.MailboxMessagesPerSecond,
                    detours_per_s = r.DetoursPerSecond,
                },
                translation_factor = r.TranslationFactor, iterations = r.Iterations, simulated_s = r.SimulatedSeconds,
            });
            return ExitCodes.Success;
        }
        var t = new Table().Title(Markup.Escape($"{profile.Name} on {s.Ranks:N0} ranks under {stack.Name} ({soc.Name})"))
            .AddColumn("cause").AddColumn(new TableColumn("% of ideal time").RightAligned()).AddColumn("what it is");
        foreach (var c in OverheadCauses.All)
        {
            t.AddRow(OverheadCauses.Key(c), $"{r.LedgerPct[c]:F3}", Markup.Escape(OverheadCauses.Description(c)));
            if (c != OverheadCause.CollectiveAmplification) continue;
            // The amplification by the cause of the detours on the critical path: indented, as parts of the line above.
            foreach (var n in OverheadCauses.Noise.Where(n => Math.Abs(r.AmplificationPct[n]) >= 5e-4))
                t.AddRow($"  of {OverheadCauses.Key(n)}", $"[dim]{r.AmplificationPct[n]:F3}[/]", Markup.Escape($"… made of {OverheadCauses.Description(n)}"));
        }
        t.AddRow("[bold]slowdown[/]", $"[bold]{r.SlowdownPct:F3}[/]", "the sum of the above");
        Terminal.Out.Write(t);
        Terminal.Out.MarkupLine($"per second, all ranks: {r.DetoursPerSecond:N0} detours, {r.WorldSwitchesPerSecond:N0} world switches, {r.HypercallsPerSecond:N0} hypercalls, " +
                                $"{r.InjectedInterruptsPerSecond:N0} injected interrupts, {r.MailboxMessagesPerSecond:N0} mailbox messages; " +
                                $"{r.Iterations:N0} iterations ({r.SimulatedSeconds:F2} s) simulated");
        return ExitCodes.Success;
    }
}
