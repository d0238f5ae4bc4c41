using System.ComponentModel;
using NodeSim.Files;
using NodeSim.Orchestration;
using NodeSim.Reporting.Campaigns;
using Spectre.Console;
using Spectre.Console.Cli;
using NodeSim.Cli.Conventions;

namespace NodeSim.Cli.Commands;

/// <summary><c>nodesim plot</c>: draws a result directory's plots and <c>summary.md</c> again from its tables.</summary>
public sealed class PlotCommand(Registries registries, AtomicFile files) : Command<PlotCommand.Settings>
{
    public sealed class Settings : JsonSettings
    {
        [CommandArgument(0, "<RUN_DIR>")]
        [Description("A directory `nodesim run` wrote (it holds manifest.json, summary.csv, runs.csv, jobs.csv.gz).")]
        public string Directory { get; init; } = "";

        [CommandOption("--break-lock")]
        [Description("Take over the directory's lock even when it names a process on another host (only when that run is certainly gone).")]
        public bool BreakLock { get; init; }
    }

    public override int Execute(CommandContext context, Settings s, CancellationToken cancellationToken)
    {
        using var run = RunDirectory.OpenExisting(s.Directory, s.BreakLock, files,
            new RunLayout([SummaryMarkdown.FileName, CampaignManifest.FileName], [CampaignOutputs.PlotDirectory]));
        if (run.Marker.OutputsPending)
            throw new UserInputException($"{s.Directory}: its run stopped while writing the tables and plots, so they may disagree; finish them with: " +
                                         Invocation.Command("run", run.Marker.CampaignFile, "--out", s.Directory, "--resume"));
        var drawn = registries.Outputs.Redraw(run, Environment.ProcessorCount);
        var paths = drawn.Plots.Select(p => Path.Combine(s.Directory, CampaignOutputs.PlotDirectory, p.Png)).ToList();
        if (s.Json)
        {
            Terminal.WriteJson(new { Directory = Path.GetFullPath(s.Directory), Plots = paths, Summary = Path.Combine(s.Directory, SummaryMarkdown.FileName) });
            return ExitCodes.Success;
        }
        var table = new Table().Border(TableBorder.Rounded).AddColumn("scenario").AddColumn("plot").AddColumn("file (also .svg)");
        foreach (var (plot, path) in drawn.Plots.Zip(paths)) table.AddRow(Terminal.Cell(plot.Scenario), Terminal.Cell(plot.Caption), Terminal.Cell(path));
        Terminal.Out.Write(table);
        Terminal.Out.WriteLine($"{drawn.Plots.Count} plots and {Path.Combine(s.Directory, SummaryMarkdown.FileName)} redrawn.");
        return ExitCodes.Success;
    }
}
