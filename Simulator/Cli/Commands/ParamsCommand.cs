using NodeSim.Models;
using NodeSim.Traces;
using Spectre.Console;
using Spectre.Console.Cli;

namespace NodeSim.Cli.Commands;

/// <summary>
/// <c>nodesim params</c>: the whole parameter catalogue — every parameter of every registered node
/// kernel, hypervisor, SoC, job profile and workload generator, with the paths a campaign sets it by, its unit, valid
/// range, whether it can be swept, each preset's value and that value's source.
/// </summary>
public sealed class ParamsCommand : Command<ParamsCommand.Settings>
{
    public sealed class Settings : JsonSettings;

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var entries = Catalogue.Entries().Concat(WorkloadSource.CatalogueEntries()).ToList();
        if (settings.Json)
        {
            Terminal.WriteJson(entries.Select(e => ParameterRows.Json(e.Path, e.Parameter, e.Value, e.Source, e.Sweepable,
                ("model", e.Model), ("preset", e.Preset), ("paths", e.Paths))));
            return ExitCodes.Success;
        }
        foreach (var group in entries.GroupBy(e => (e.Model, e.Preset)))
        {
            var paths = group.First().Paths.Count == 0 ? "fixed: no campaign path sets it"
                : string.Join(" or ", group.First().Paths.Select(p => p[..^group.First().Path.Length] + "…"));
            var t = new Table().Title(Markup.Escape($"{group.Key.Model} {group.Key.Preset} ({paths})"))
                .AddColumn("parameter").AddColumn(new TableColumn("value").RightAligned()).AddColumn("unit").AddColumn("range").AddColumn("sweep").AddColumn("source");
            foreach (var e in group)
                t.AddRow(Markup.Escape(e.Path), Markup.Escape(e.Value), Markup.Escape(e.Parameter.Unit),
                    Markup.Escape(e.Parameter.Range), e.Sweepable ? "yes" : "[grey]no[/]",
                    e.Source.Assumed ? $"[yellow]assumed[/]: {Markup.Escape(e.Source.Text)}" : Markup.Escape(e.Source.Text));
            Terminal.Out.Write(t);
        }
        var assumed = entries.Count(e => e.Source.Assumed);
        Terminal.Out.MarkupLine($"{entries.Count:N0} parameter values; {assumed:N0} assumed (sweep those to see what a conclusion depends on). " +
                                "Set one in a campaign under set: or sweep: by its path, e.g. stack.primary.tick_hz.");
        return ExitCodes.Success;
    }
}
