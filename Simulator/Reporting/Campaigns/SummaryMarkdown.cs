using System.Globalization;
using System.Text;
using NodeSim.Engine;
using NodeSim.Reporting.Plots;

namespace NodeSim.Reporting.Campaigns;

/// <summary>A failed run as the results list it.</summary>
public sealed record RunFailure(string Scenario, int Point, string Parameters, string Stack, int Replica, string Error);

/// <summary>
/// <c>summary.md</c>: what ran, the key table of every scenario (means ± 95% CI half-widths) and
/// its plots, readable on GitHub.
/// </summary>
public static class SummaryMarkdown
{
    public const string FileName = "summary.md";

    /// <param name="kindOf">The kind a scenario's kind name stands for, whose summary table the scenario gets.</param>
    public static string Render(CampaignManifest manifest, IReadOnlyList<SummaryRow> summary, IReadOnlyList<RunFailure> failures,
        IReadOnlyList<PlotFile> plots, string plotDirectory, Func<string, ScenarioKind> kindOf)
    {
        var md = new StringBuilder();
        md.Append(CultureInfo.InvariantCulture, $"# Campaign {Cell(manifest.Campaign)}\n\n");
        if (manifest.Description is { } d) md.Append(d).Append("\n\n");
        var commit = manifest.GitCommit is { } c ? $", commit `{c[..Math.Min(12, c.Length)]}`{(manifest.GitDirty == true ? " with uncommitted changes" : "")}" : "";
        md.Append(CultureInfo.InvariantCulture,
            $"NodeSim {manifest.NodesimVersion}{commit}; campaign file `{Path.GetFileName(manifest.CampaignFile)}` (SHA-256 `{manifest.CampaignSha256[..Math.Min(12, manifest.CampaignSha256.Length)]}…`), seed {manifest.Seed}; ");
        md.Append(CultureInfo.InvariantCulture,
            $"{manifest.Runs} runs ({manifest.Resumed} resumed, {manifest.Failed} failed) on {manifest.Workers} workers in {manifest.WallSeconds:F1} s.\n\n");
        md.Append("Tables: `runs.csv` (one row per run), `summary.csv` (mean and 95% CI per point, stack and metric), `jobs.csv.gz` (one row per job or window).\n\n");
        if (failures.Count > 0)
        {
            md.Append("## Failed runs\n\n| scenario | point | parameters | stack | replica | error |\n|---|---:|---|---|---:|---|\n");
            foreach (var f in failures) md.Append(CultureInfo.InvariantCulture, $"| {Cell(f.Scenario)} | {f.Point} | {Cell(f.Parameters)} | {Cell(f.Stack)} | {f.Replica} | {Cell(f.Error)} |\n");
            md.Append('\n');
        }
        foreach (var scenario in manifest.Scenarios)
        {
            md.Append(CultureInfo.InvariantCulture, $"## {Cell(scenario.Name)} ({Cell(scenario.Kind)})\n\n");
            if (scenario.Description is { } sd) md.Append(sd).Append("\n\n");
            var rows = summary.Where(r => r.Scenario == scenario.Name).ToList();
            if (rows.Count == 0)
            {
                md.Append("No run of this scenario succeeded.\n\n");
                continue;
            }
            var replications = rows.Max(r => r.Estimate.N);
            md.Append(replications > 1 ? $"Mean ± 95% confidence half-width over {replications} replications.\n\n" : "One replication each (no confidence interval).\n\n");
            var kind = kindOf(scenario.Kind);
            var flagged = SummaryRows.Flagged(rows, kind.Flag);
            md.Append(kind.Summary switch
            {
                SummaryTable.StackColumns t => StackColumns(scenario, rows, t, flagged),
                SummaryTable.MetricColumns t => MetricColumns(scenario, rows, t.Columns, flagged),
                var other => throw new InvalidOperationException($"no layout for a summary table of type {other.GetType().Name}"),
            }).Append('\n');
            if (flagged.Count > 0 && kind.Flag is { } flag)
                md.Append(CultureInfo.InvariantCulture, $"⚠ {flag.Label}: {flag.Meaning}.\n\n");
            foreach (var plot in plots.Where(p => p.Scenario == scenario.Name))
                md.Append(CultureInfo.InvariantCulture, $"![{plot.Caption}]({plotDirectory}/{Uri.EscapeDataString(plot.Png)})\n");
            md.Append('\n');
        }
        return md.ToString();
    }

    /// <summary>One metric per point (rows) and stack (columns); a flagged result's cell marked ⚠.</summary>
    private static string StackColumns(ScenarioInfo scenario, List<SummaryRow> rows, SummaryTable.StackColumns table, HashSet<(int, string)> flagged)
    {
        var t = new StringBuilder();
        var head = scenario.Swept.Count == 0 ? "scenario" : string.Join(", ", scenario.Swept);
        t.Append(CultureInfo.InvariantCulture, $"{table.Title}:\n\n| {head} | {string.Join(" | ", scenario.Stacks.Select(Cell))} |\n|---|{string.Concat(scenario.Stacks.Select(_ => "---:|"))}\n");
        foreach (var point in rows.GroupBy(r => r.Point))
        {
            var label = scenario.Swept.Count == 0 ? scenario.Name : string.Join(", ", scenario.Swept.Select(p => point.First().Parameter(p)));
            var cells = scenario.Stacks.Select(s => point.FirstOrDefault(r => r.Stack == s && r.Metric == table.Metric) is { } r
                ? Estimate(r.Estimate) + (flagged.Contains((r.Point, s)) ? " ⚠" : "") : "—");
            t.Append(CultureInfo.InvariantCulture, $"| {Cell(label)} | {string.Join(" | ", cells)} |\n");
        }
        return t.ToString();
    }

    /// <summary>The given metrics per stack (and point); a flagged result's stack marked ⚠.</summary>
    private static string MetricColumns(ScenarioInfo scenario, List<SummaryRow> rows, IReadOnlyList<SummaryColumn> columns, HashSet<(int, string)> flagged)
    {
        var t = new StringBuilder();
        var pointColumn = scenario.Swept.Count > 0;
        t.Append(CultureInfo.InvariantCulture, $"| {(pointColumn ? Cell(string.Join(", ", scenario.Swept)) + " | " : "")}stack | {string.Join(" | ", columns.Select(c => c.Header))} |\n");
        t.Append(CultureInfo.InvariantCulture, $"|{(pointColumn ? "---|" : "")}---|{string.Concat(columns.Select(_ => "---:|"))}\n");
        foreach (var group in rows.GroupBy(r => (r.Point, r.Stack)))
        {
            var label = pointColumn ? Cell(string.Join(", ", scenario.Swept.Select(p => group.First().Parameter(p)))) + " | " : "";
            var cells = columns.Select(c => group.FirstOrDefault(r => r.Metric == c.Metric) is { } r ? Estimate(r.Estimate, c.Scale) : "—");
            t.Append(CultureInfo.InvariantCulture, $"| {label}{Cell(group.Key.Stack)}{(flagged.Contains(group.Key) ? " ⚠" : "")} | {string.Join(" | ", cells)} |\n");
        }
        return t.ToString();
    }

    /// <summary>
    /// A mean with its 95% half-width, each to the digits the interval supports: the half-width to two significant figures,
    /// the mean to the same decimal place (0.0010 ± 0.0098, 12,300 ± 1,100). Without an interval (one replication), or with
    /// none at all (no spread: the same value every replication), the mean alone, to three significant figures.
    /// </summary>
    public static string Estimate(MeanEstimate e, double scale = 1)
    {
        var (mean, half) = (e.Mean * scale, (e.High - e.Low) / 2 * scale);
        if (double.IsNaN(half) || !(half > 1e-9 * Math.Abs(mean)) || !double.IsFinite(mean)) return Number(mean);
        var exponent = (int)Math.Floor(Math.Log10(half)) - 1;
        var step = Math.Pow(10, exponent);
        var decimals = Math.Clamp(-exponent, 0, 12).ToString(CultureInfo.InvariantCulture);
        return $"{(Math.Round(mean / step) * step).ToString("N" + decimals, CultureInfo.InvariantCulture)} ± {(Math.Round(half / step) * step).ToString("N" + decimals, CultureInfo.InvariantCulture)}";
    }

    /// <summary>Three significant figures in plain decimal notation (thousands grouped), never an exponent.</summary>
    public static string Number(double x)
    {
        if (!double.IsFinite(x)) return x.ToString(CultureInfo.InvariantCulture);
        var a = Math.Abs(x);
        if (a >= 1000) return x.ToString("N0", CultureInfo.InvariantCulture);
        var decimals = a == 0 ? 0 : Math.Clamp(2 - (int)Math.Floor(Math.Log10(a)), 0, 9);
        return x.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
    }

    /// <summary>Text from a campaign file as markdown shows it: control characters escaped (a line break would end the row), '|' escaped.</summary>
    private static string Cell(string text) => Models.Printable.Of(text, int.MaxValue).Replace("|", "\\|", StringComparison.Ordinal);
}
