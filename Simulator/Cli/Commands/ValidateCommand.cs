using NodeSim.Engine;
using System.ComponentModel;
using NodeSim.Orchestration;
using Spectre.Console;
using Spectre.Console.Cli;
using NodeSim.Cli.Conventions;

namespace NodeSim.Cli.Commands;

/// <summary><c>nodesim validate</c>: checks a campaign file completely (every point under every stack) without running it.</summary>
public sealed class ValidateCommand(Registries registries) : Command<ValidateCommand.Settings>
{
    public sealed class Settings : JsonSettings
    {
        [CommandArgument(0, "<FILE>")]
        [Description("The campaign file.")]
        public string File { get; init; } = "";

    }

    public override int Execute(CommandContext context, Settings s, CancellationToken cancellationToken)
    {
        var campaign = registries.Loader.Load(s.File);
        var runs = campaign.Runs;
        var scenarios = campaign.Scenarios.Select(c => new
        {
            c.Name, Kind = c.Kind.Name, c.Stacks, Swept = c.SweptParameters, Points = c.Points.Count, c.Replications,
            Runs = c.Points.Count * c.Replications * c.Stacks.Count,
        }).ToList();
        if (s.Json)
        {
            Terminal.WriteJson(new { Valid = true, Campaign = campaign.Name, campaign.Seed, Runs = runs.Count, Scenarios = scenarios });
            return ExitCodes.Success;
        }
        var table = new Table().Border(TableBorder.Rounded).Title(Terminal.Cell($"{campaign.Name}: valid, seed {campaign.Seed}"));
        foreach (var h in new[] { "scenario", "kind", "stacks", "swept", "points", "replications", "runs" }) table.AddColumn(h);
        foreach (var c in scenarios)
            table.AddRow(Terminal.Cell(c.Name), c.Kind, Terminal.Cell(string.Join(", ", c.Stacks)), Terminal.Cell(c.Swept.Count == 0 ? "—" : string.Join(", ", c.Swept)),
                c.Points.ToString("N0", System.Globalization.CultureInfo.InvariantCulture), c.Replications.ToString(System.Globalization.CultureInfo.InvariantCulture),
                c.Runs.ToString("N0", System.Globalization.CultureInfo.InvariantCulture));
        Terminal.Out.Write(table);
        Terminal.Out.WriteLine($"{runs.Count:N0} runs in all.");
        return ExitCodes.Success;
    }
}
