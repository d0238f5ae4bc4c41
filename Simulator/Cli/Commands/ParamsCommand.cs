using NodeSim.Models.Parameters;
using NodeSim.Orchestration;
using Spectre.Console;
using Spectre.Console.Cli;
using NodeSim.Traces.Sources;
using NodeSim.Cli.Conventions;

namespace NodeSim.Cli.Commands;

/// <summary>
/// <c>nodesim params</c>: the whole parameter catalogue — every parameter of every registered node
/// kernel, hypervisor, SoC, job profile, interconnect, kind of scenario and workload generator, with the paths a campaign sets it by, its unit, valid
/// range, whether it can be swept, each preset's value and that value's source.
/// </summary>
public sealed class ParamsCommand(Registries registries) : Command<ParamsCommand.Settings>
{
    public sealed class Settings : JsonSettings;

    /// <summary>The whole catalogue: every registered model's parameters, every kind's scenario parameters, the generators'.</summary>
    public static IEnumerable<CatalogueEntry> Entries(Registries registries) =>
        registries.Models.Entries().Concat(registries.Kinds.All.SelectMany(k => k.CatalogueEntries())).Concat(WorkloadSource.CatalogueEntries());

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var entries = Entries(registries).ToList();
        if (settings.Json)
        {
            Terminal.WriteJson(entries.Select(e => ParameterRows.Json(e.Path, e.Parameter, e.Value, e.Source, e.Sweepable,
                ("model", e.Model), ("preset", e.Preset), ("paths", e.Paths))));
            return ExitCodes.Success;
        }
        foreach (var group in entries.GroupBy(e => (e.Model, e.Preset)))
        {
            var first = group.First();
            var paths = first.Paths.Count == 0 ? "fixed: no campaign path sets it"
                : first.Paths[0] == first.Path ? $"keys of a {group.Key.Preset} scenario"
                : string.Join(" or ", first.Paths.Select(p => p[..^first.Path.Length] + "…"));
            var t = new Table().Title(Terminal.Cell($"{group.Key.Model} {group.Key.Preset} ({paths})"))
                .AddColumn("parameter").AddColumn(new TableColumn("value").RightAligned()).AddColumn("unit").AddColumn("range").AddColumn("sweep").AddColumn("source");
            foreach (var e in group)
                t.AddRow(Terminal.Cell(e.Path), Terminal.Cell(e.Value), Terminal.Cell(e.Parameter.Unit),
                    Terminal.Cell(e.Parameter.Range), e.Sweepable ? "yes" : "[grey]no[/]",
                    e.Source.Assumed ? $"[yellow]assumed[/]: {Terminal.Cell(e.Source.Text)}" : Terminal.Cell(e.Source.ToString()));
            Terminal.Out.Write(t);
        }
        var assumed = entries.Count(e => e.Source.Assumed);
        Terminal.Out.MarkupLine($"{entries.Count:N0} parameter values; {assumed:N0} assumed (sweep those to see what a conclusion depends on), " +
                                $"{entries.Count(e => e.Source.Range is not null):N0} with a plausible range a sensitivity study varies them over (--json: plausible_low, plausible_high). " +
                                "Set one in a campaign under set: or sweep: by its path, e.g. stack.primary.tick_hz.");
        return ExitCodes.Success;
    }
}
