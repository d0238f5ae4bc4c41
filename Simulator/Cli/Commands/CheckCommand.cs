using System.ComponentModel;
using System.Globalization;
using NodeSim.Reporting.Baselines;
using Spectre.Console;
using Spectre.Console.Cli;
using NodeSim.Cli.Conventions;

namespace NodeSim.Cli.Commands;

/// <summary><c>nodesim check</c>: a run's summary against a committed baseline, metric by metric.</summary>
public sealed class CheckCommand : Command<CheckCommand.Settings>
{
    public sealed class Settings : JsonSettings
    {
        [CommandArgument(0, "<RUN_DIR>")]
        [Description("A directory `nodesim run` wrote (it holds manifest.json and summary.csv).")]
        public string Directory { get; init; } = "";

        [CommandOption("--baseline <FILE>")]
        [Description("The baseline to check against (default: Results/baselines/<campaign>.csv).")]
        public string? Baseline { get; init; }

        [CommandOption("--alpha <PROBABILITY>")]
        [Description("Family-wise false-alarm rate over all metrics with spread (Holm's correction).")]
        [DefaultValue(BaselineCheck.DefaultAlpha)]
        public double Alpha { get; init; } = BaselineCheck.DefaultAlpha;

        [CommandOption("--all")]
        [Description("List every metric, not only those that moved.")]
        public bool All { get; init; }

        public override ValidationResult Validate() =>
            Alpha is > 0 and < 1 ? ValidationResult.Success() : ValidationResult.Error("--alpha must be between 0 and 1");
    }

    public override int Execute(CommandContext context, Settings s, CancellationToken cancellationToken)
    {
        var run = Baseline.OfRunDirectory(s.Directory);
        var file = s.Baseline ?? Baseline.DefaultPath(run.FirstOrDefault()?.Campaign ?? "");
        // The command that accepts a change names the campaign that made the run and the baseline it rewrites, so it is run knowingly.
        var campaignFile = Reporting.Campaigns.CampaignManifest.Read(s.Directory).CampaignFile;
        var accept = Invocation.Command("baseline", "update", "--campaign", campaignFile, "--baseline", file);
        var outcome = BaselineCheck.Compare(Baseline.Read(file), run, file, s.Directory, s.Alpha, accept);
        var moved = outcome.Moved.ToList();
        if (s.Json)
        {
            Terminal.WriteJson(new
            {
                baseline = file, directory = s.Directory, alpha = s.Alpha, metrics = outcome.Comparisons.Count, moved = moved.Count,
                rows = (s.All ? outcome.Comparisons : moved).Select(c => new
                {
                    scenario = c.Old.Scenario, point = c.Old.Point, parameters = c.Old.Parameters, stack = c.Old.Stack, metric = c.Old.Metric, unit = c.Old.Unit,
                    old = c.Old.Mean, @new = c.New.Mean, difference = c.Difference, allowed = c.Allowed, p_value = c.PValue,
                    rule = c.Deterministic ? "floor" : "welch-holm", moved = c.Moved,
                }),
            });
            return moved.Count > 0 ? ExitCodes.ChecksFailed : ExitCodes.Success;
        }
        var shown = s.All ? outcome.Comparisons : moved;
        if (shown.Count > 0)
        {
            var t = new Table().Title(Terminal.Cell($"{(s.All ? "every metric" : "what moved")}, worst first"))
                .AddColumn("scenario").AddColumn(new TableColumn("point").RightAligned()).AddColumn("stack").AddColumn("metric")
                .AddColumn(new TableColumn("old").RightAligned()).AddColumn(new TableColumn("new").RightAligned())
                .AddColumn(new TableColumn("difference").RightAligned()).AddColumn(new TableColumn("allowed").RightAligned()).AddColumn("rule");
            foreach (var c in shown)
                t.AddRow(Terminal.Cell(c.Old.Scenario), c.Old.Point.ToString(CultureInfo.InvariantCulture), Terminal.Cell(c.Old.Stack), Terminal.Cell(c.Old.Metric),
                    Baseline.Format(c.Old.Mean), Baseline.Format(c.New.Mean), c.Moved ? $"[red]{Baseline.Format(c.Difference)}[/]" : Baseline.Format(c.Difference),
                    Baseline.Format(c.Allowed), c.Deterministic ? "floor" : $"Welch, p = {c.PValue:G2}");
            Terminal.Out.Write(t);
        }
        if (moved.Count > 0) Terminal.Note($"if the change is intended, rewrite {file} (it reruns the campaign) with: {accept}");
        Terminal.Out.MarkupLine(Terminal.Cell(string.Create(CultureInfo.InvariantCulture,
            $"{outcome.Comparisons.Count:N0} metrics against {file}: {moved.Count:N0} moved ({outcome.Comparisons.Count(c => !c.Deterministic):N0} compared by Welch's test with Holm's correction at α = {s.Alpha}, the rest to a relative floor of {BaselineCheck.RelativeFloor.ToString("0e0", CultureInfo.InvariantCulture)})")));
        return moved.Count > 0 ? ExitCodes.ChecksFailed : ExitCodes.Success;
    }
}
