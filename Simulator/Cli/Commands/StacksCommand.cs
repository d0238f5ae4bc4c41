using NodeSim.Models.Isolation;
using NodeSim.Models.NodeKernels;
using NodeSim.Orchestration;
using Spectre.Console;
using Spectre.Console.Cli;
using NodeSim.Cli.Conventions;

namespace NodeSim.Cli.Commands;

/// <summary><c>nodesim stacks</c>: the isolation stacks, their parameters and where each comes from.</summary>
public sealed class StacksCommand(Registries registries) : Command<StacksCommand.Settings>
{
    public sealed class Settings : JsonSettings;

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        if (settings.Json)
        {
            Terminal.WriteJson(registries.Models.Stacks.All.Select(s => new
            {
                name = s.Name, description = s.Description,
                primary = Kernel(s.Primary), hypervisor = Hypervisor(s.Hypervisor), guest = s.Hypervisor is null ? null : Kernel(s.JobKernel),
            }));
            return ExitCodes.Success;
        }
        var stacks = new Table().Title("Isolation stacks").AddColumn("stack").AddColumn("node resource manager").AddColumn("hypervisor").AddColumn("jobs run in");
        foreach (var s in registries.Models.Stacks.All)
            stacks.AddRow(s.Name, s.Primary?.Name ?? "–", s.Hypervisor?.Name ?? "none",
                Terminal.Cell(s.IsIdeal ? "(ideal: the trace's run time)" : s.Hypervisor is null ? "processes" : $"a secondary VM per job, {s.JobKernel!.Name} guest"));
        Terminal.Out.Write(stacks);
        foreach (var preset in registries.Models.NodeKernels.All)
            Terminal.Out.Write(ParameterRows.Table($"node kernel: {preset.Name}", preset.Values()));
        foreach (var preset in registries.Models.Hypervisors.All)
            Terminal.Out.Write(ParameterRows.Table($"hypervisor: {preset.Name}", preset.Values()));
        Terminal.Out.MarkupLine("[grey]Every parameter with its range and whether it can be swept: nodesim params.[/]");
        return ExitCodes.Success;
    }

    private object? Kernel(NodeKernel? k) => k is null ? null : new
    {
        name = k.Name,
        parameters = ParameterRows.Of(k, registries.Models.NodeKernels.Find(k.Name)).Select(p => ParameterRows.Json(p.Path, p.Parameter, p.Value, p.Source)),
    };

    private object? Hypervisor(IHypervisor? h) => h is null ? null : new
    {
        name = h.Name,
        parameters = ParameterRows.Of(h, registries.Models.Hypervisors.Find(h.Name)).Select(p => ParameterRows.Json(p.Path, p.Parameter, p.Value, p.Source)),
    };
}
