using System.ComponentModel;
using NodeSim.Models.Isolation;
using NodeSim.Models.NodeKernels;
using Spectre.Console;
using Spectre.Console.Cli;

namespace NodeSim.Cli.Commands;

/// <summary><c>nodesim stacks</c>: the isolation stacks, their parameters and where each comes from.</summary>
public sealed class StacksCommand : Command<StacksCommand.Settings>
{
    public sealed class Settings : JsonSettings;

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        if (settings.Json)
        {
            Terminal.WriteJson(IsolationStack.BuiltIn.Select(s => new
            {
                name = s.Name, description = s.Description,
                primary = Kernel(s.Primary), hypervisor = Hypervisor(s.Hypervisor), guest = s.Hypervisor is null ? null : Kernel(s.JobKernel),
            }));
            return ExitCodes.Success;
        }
        var stacks = new Table().Title("Isolation stacks").AddColumn("stack").AddColumn("node resource manager").AddColumn("hypervisor").AddColumn("jobs run in");
        foreach (var s in IsolationStack.BuiltIn)
            stacks.AddRow(s.Name, s.Primary?.Name ?? "–", s.Hypervisor is null ? "none" : "Hafnium SPM",
                Markup.Escape(s.IsIdeal ? "(ideal: the trace's run time)" : s.Hypervisor is null ? "processes" : $"a secondary VM per job, {s.JobKernel!.Name} guest"));
        Terminal.Out.Write(stacks);
        foreach (var kernel in NodeKernelPresets.All)
        {
            var t = new Table().Title($"node kernel: {kernel.Name}").AddColumn("parameter").AddColumn(new TableColumn("value").RightAligned()).AddColumn("source");
            foreach (var (name, value) in Parameters(kernel))
                t.AddRow(name, Markup.Escape(value), Markup.Escape(NodeKernelPresets.Sources[kernel.Name].GetValueOrDefault(name, "as above")));
            Terminal.Out.Write(t);
        }
        var h = new Table().Title("Hafnium SPM").AddColumn("parameter").AddColumn(new TableColumn("value").RightAligned()).AddColumn("source");
        foreach (var (name, value) in Parameters(new Hafnium())) h.AddRow(name, Markup.Escape(value), Markup.Escape(Hafnium.Sources.GetValueOrDefault(name, "")));
        Terminal.Out.Write(h);
        return ExitCodes.Success;
    }

    private static IEnumerable<(string Name, string Value)> Parameters(NodeKernel k) =>
    [
        ("tick_hz", $"{k.TickHz:G}"), ("tick_handler_cycles", $"{k.TickHandlerCycles:G}"), ("pollution_cycles", $"{k.PollutionCycles:G}"),
        ("daemon_rate_per_second", $"{k.DaemonRatePerSecond:G}"), ("daemon_median_seconds", $"{k.DaemonMedianSeconds:G}"), ("daemon_log_sigma", $"{k.DaemonLogSigma:G}"),
        ("preempt_probability", $"{k.PreemptProbability:G}"), ("preempt_median_seconds", $"{k.PreemptMedianSeconds:G}"), ("irq_handler_cycles", $"{k.IrqHandlerCycles:G}"),
        ("pages", k.Pages.HugePageFraction == 0 ? "4 KB" : k.Pages.HugePageFraction == 1 ? "2 MB" : $"{k.Pages.HugePageFraction * 100:F0}% 2 MB"),
    ];

    private static IEnumerable<(string Name, string Value)> Parameters(Hafnium h) =>
    [
        ("world_switch_cycles", $"{h.WorldSwitchCycles:G}"), ("hypercall_cycles", $"{h.HypercallCycles:G}"), ("injection_el2_entries", $"{h.InjectionEl2Entries}"),
        ("primary_irq_routing_cycles", $"{h.PrimaryIrqRoutingCycles:G}"), ("mailbox_copy_cycles_per_kib", $"{h.MailboxCopyCyclesPerKiB:G}"),
        ("memory_share_cycles_per_page", $"{h.MemoryShareCyclesPerPage:G}"), ("stage2", h.Stage2.ToString()),
    ];

    private static object? Kernel(NodeKernel? k) => k is null ? null : new
    {
        name = k.Name,
        parameters = Parameters(k).Select(p => new { name = p.Name, value = p.Value, source = NodeKernelPresets.Sources.GetValueOrDefault(k.Name)?.GetValueOrDefault(p.Name) }),
    };

    private static object? Hypervisor(Hafnium? h) => h is null ? null : new
    {
        name = "hafnium",
        parameters = Parameters(h).Select(p => new { name = p.Name, value = p.Value, source = Hafnium.Sources.GetValueOrDefault(p.Name) }),
    };
}
