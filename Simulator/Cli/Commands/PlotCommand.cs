using System.ComponentModel;
using NodeSim.Files;
using NodeSim.Orchestration;
using NodeSim.Reporting.Campaigns;
using NodeSim.Reporting.Plots;
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

        [CommandOption("--log-y")]
        [Description("Draw every value axis on a log scale (by default an axis is log when its values span more than 100x).")]
        public bool LogY { get; init; }

        [CommandOption("--linear-y")]
        [Description("Draw every value axis on a linear scale, however widely its values spread.")]
        public bool LinearY { get; init; }

        [CommandOption("--stacks <STACK,...>")]
        [Description("Draw only these stacks (comma-separated), in each scenario's order. Default: every stack.")]
        public string? Stacks { get; init; }

        [CommandOption("--size <SIZE>")]
        [Description("Figure size: `wide` (7 x 3.6 in, a paper's text width; default), `column` (3.5 x 2.9 in) or WIDTHxHEIGHT in inches. Fonts are 8-10 pt at that size.")]
        public string? Size { get; init; }

        [CommandOption("--format <FORMAT,...>")]
        [Description("Files per figure, comma-separated from png, svg, pdf. Default: png,svg. summary.md shows the first.")]
        public string? Format { get; init; }

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
        var drawn = registries.Outputs.Redraw(run, Options(s, CampaignManifest.Read(s.Directory)), Environment.ProcessorCount);
        var figures = drawn.Plots.Where(p => p.File is not null).ToList();
        var paths = figures.Select(p => Path.Combine(s.Directory, CampaignOutputs.PlotDirectory, p.File!)).ToList();
        if (s.Json)
        {
            Terminal.WriteJson(new { Directory = Path.GetFullPath(s.Directory), Plots = paths, Summary = Path.Combine(s.Directory, SummaryMarkdown.FileName) });
            return ExitCodes.Success;
        }
        var formats = string.Join(", ", (s.Format is null ? FigureFormats.Default : FigureFormats.Parse(s.Format, "--format")).Skip(1).Select(f => f.Extension()));
        var table = new Table().Border(TableBorder.Rounded).AddColumn("scenario").AddColumn("plot").AddColumn(formats.Length > 0 ? $"file (also {formats})" : "file");
        foreach (var (plot, path) in figures.Zip(paths)) table.AddRow(Terminal.Cell(plot.Scenario), Terminal.Cell(plot.Caption), Terminal.Cell(path));
        Terminal.Out.Write(table);
        foreach (var plot in drawn.Plots.Where(p => p.File is null))
            Terminal.Out.MarkupLine(Terminal.Cell($"not drawn: {plot.Scenario}, {plot.Caption}: {plot.Omitted}"));
        Terminal.Out.WriteLine($"{figures.Count} plots and {Path.Combine(s.Directory, SummaryMarkdown.FileName)} redrawn.");
        return ExitCodes.Success;
    }

    /// <summary>The reader's options, checked: one scale at most, stacks the campaign ran, a size and formats that exist.</summary>
    private static PlotOptions Options(Settings s, CampaignManifest manifest)
    {
        if (s.LogY && s.LinearY) throw new UserInputException("--log-y and --linear-y: choose one (without either, each axis is log when its values span more than 100x)");
        HashSet<string>? stacks = null;
        if (s.Stacks is not null)
        {
            var known = manifest.Scenarios.SelectMany(c => c.Stacks).Distinct().ToList();
            stacks = [.. s.Stacks.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
            if (stacks.Count == 0) throw new UserInputException($"--stacks: expected stack names separated by commas; this run has {string.Join(", ", known)}");
            foreach (var stack in stacks.Where(x => !known.Contains(x)))
                throw new UserInputException($"--stacks: {Models.UnknownName.Message("stack of this run", stack, known)}");
        }
        return new PlotOptions(s.LogY ? AxisScale.Log : s.LinearY ? AxisScale.Linear : AxisScale.Auto, stacks,
            s.Size is null ? null : FigureSize.Parse(s.Size, "--size"), s.Format is null ? FigureFormats.Default : FigureFormats.Parse(s.Format, "--format"));
    }
}
