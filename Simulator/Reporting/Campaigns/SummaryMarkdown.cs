using System.Globalization;
using System.Text;
using NodeSim.Engine;
using NodeSim.Reporting.Findings;
using NodeSim.Reporting.Plots;
using NodeSim.Reporting.Sensitivity;
using static NodeSim.Reporting.NumberText;

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
        IReadOnlyList<PlotFile> plots, string plotDirectory, Func<string, ScenarioKind> kindOf, IReadOnlyList<Finding>? findings = null)
    {
        var md = new StringBuilder();
        md.Append(CultureInfo.InvariantCulture, $"# Campaign {Cell(manifest.Campaign)}\n\n");
        if (manifest.Description is { } d) md.Append(d).Append("\n\n");
        var commit = manifest.GitCommit is { } c ? $", commit `{c[..Math.Min(12, c.Length)]}`{(manifest.GitDirty == true ? " with uncommitted changes" : "")}" : "";
        md.Append(CultureInfo.InvariantCulture,
            $"NodeSim {manifest.NodesimVersion}{commit}; campaign file `{Path.GetFileName(manifest.CampaignFile)}` (SHA-256 `{manifest.CampaignSha256[..Math.Min(12, manifest.CampaignSha256.Length)]}…`), seed {manifest.Seed}; ");
        md.Append(CultureInfo.InvariantCulture,
            $"{manifest.Runs} runs ({manifest.Resumed} resumed, {manifest.Failed} failed) on {manifest.Workers} workers in {manifest.WallSeconds:F1} s.\n\n");
        if (findings is not null) md.Append(CampaignFindings.Markdown(findings));
        if (manifest.StackLabels is { Count: > 0 } stacks)
            md.Append("Stacks (the plots name them; each has one colour, marker and line in every plot of every campaign): ")
                .Append(string.Join("; ", stacks.Values.Select(Cell))).Append(".\n\n");
        md.Append("Tables: `runs.csv` (one row per run), `summary.csv` (mean and 95% CI per point, stack and metric), `jobs.csv.gz` (one row per job or window); ")
            .Append("the findings for scripts: `findings.json`; the configuration: `campaign.yaml` (the campaign file as read) and `config.json.gz` ")
            .Append("(every point under every stack, each setting and model parameter as it ran).\n\n");
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
            md.Append(Settings(scenario, kind));
            if (kind.Summary is SummaryTable.SensitivityTables study)
            {
                md.Append(SensitivityMarkdown.Render(scenario, SensitivityAnalysis.Of(scenario, rows, study.Metric), kind.Headline.Name,
                    kind.Metrics.First(m => m.Name == study.Metric).Unit));
                AppendPlots(md, plots, scenario, plotDirectory);
                continue;
            }
            var flagged = SummaryRows.Flagged(rows, kind.Flag);
            var unit = kind.Metrics.FirstOrDefault(m => m.Name == kind.Summary.Metrics.First())?.Unit ?? "";
            md.Append(Table(kind.Summary, scenario, rows, scenario.Stacks, (r, scale) => Estimate(r.Estimate, scale), flagged.Contains, unit)).Append('\n');
            if (scenario.CompareTo is { } reference && rows.Any(r => r.Against is not null))
            {
                // A comparison is as unreliable as the less reliable of its two results.
                bool EitherFlagged((int Point, string Stack) at) => flagged.Contains(at) || flagged.Contains((at.Point, reference));
                var metrics = kind.Summary.Metrics.Where(m => m != kind.Flag?.Metric && rows.Any(r => r.Metric == m && r.Against is { } c && c.Difference.Mean != 0)).ToHashSet();
                var table = kind.Summary switch
                {
                    SummaryTable.MetricColumns t => new SummaryTable.MetricColumns([.. t.Columns.Where(c => metrics.Contains(c.Metric))]),
                    var t => t,
                };
                var paired = rows.Where(r => r.Against is not null).Max(r => r.Against!.Pairs) > 1;
                md.Append("Against ").Append(Cell(reference)).Append(", paired by replica (the same seeds): the difference")
                    .Append(paired ? " ± 95% half-width" : " (one replication: no interval)").Append(", then the ratio of the means (×):\n\n");
                md.Append(Table(table, scenario, rows, [.. scenario.Stacks.Where(s => s != reference)],
                    (r, scale) => r.Against is { } c ? Comparison(c, scale) : "—", EitherFlagged, unit == "%" ? "pp" : unit)).Append('\n');
            }
            if (kind.Ledger is { } ledger) md.Append(LedgerText(scenario, rows, ledger));
            md.Append(ReplayNotes.Of(scenario, rows));
            if (flagged.Count > 0 && kind.Flag is { } flag)
                md.Append(CultureInfo.InvariantCulture, $"⚠ {flag.Label}: {flag.Meaning}.\n\n");
            AppendPlots(md, plots, scenario, plotDirectory);
        }
        return md.ToString();
    }

    private static void AppendPlots(StringBuilder md, IReadOnlyList<PlotFile> plots, ScenarioInfo scenario, string plotDirectory)
    {
        foreach (var plot in plots.Where(p => p.Scenario == scenario.Name))
            md.Append(plot.File is { } file ? $"![{plot.Caption}]({plotDirectory}/{Uri.EscapeDataString(file)})\n" : $"*{plot.Caption}: no figure, {plot.Omitted}.*\n\n");
        md.Append('\n');
    }

    /// <summary>
    /// Every setting of the scenario that its sweep does not vary, as a reader needs them to read its numbers: the values it gives,
    /// then each other parameter of its kind at its default (what a run used without being told).
    /// </summary>
    private static string Settings(ScenarioInfo scenario, ScenarioKind kind)
    {
        var given = scenario.Settings ?? new Dictionary<string, string>();
        var defaults = kind.Parameters.Parameters.Where(p => !given.ContainsKey(p.Name) && !scenario.Swept.Contains(p.Name))
            .Select(p => $"{p.Name} = {(p.Value(kind.Defaults) is { } v ? Convert.ToString(v, CultureInfo.InvariantCulture) : p.Absent ?? "none")}").ToList();
        if (given.Count == 0 && defaults.Count == 0) return "";
        var parts = given.Select(g => $"{g.Key} = {g.Value}").ToList();
        if (defaults.Count > 0) parts.Add($"by default {string.Join(", ", defaults)}");
        return $"Settings: {Cell(string.Join("; ", parts))}.\n\n";
    }

    /// <summary>
    /// The ledger in words: at the scenario's last point, each stack's largest causes, so a reader sees why without the plot
    /// (where a quiet stack's bars are too small to see).
    /// </summary>
    private static string LedgerText(ScenarioInfo scenario, List<SummaryRow> rows, Ledger ledger)
    {
        var last = rows.Max(r => r.Point);
        var at = rows.Where(r => r.Point == last).ToList();
        var stacks = scenario.Stacks.Select(stack =>
        {
            var largest = LedgerRanking.Largest(ledger, at.Where(r => r.Stack == stack)).Take(3).Select(p => $"{p.Label} {Number(p.Mean)}").ToList();
            return $"{Cell(stack)}: {(largest.Count == 0 ? "nothing" : string.Join(", ", largest))}";
        });
        var where = scenario.Swept.Count == 0 ? "" : " at " + string.Join(", ", scenario.Swept.Select(p => $"{scenario.Label(p)} = {rows.First(r => r.Point == last).Parameter(p)}"));
        return $"Largest causes{where} ({ledger.Axis}): {string.Join("; ", stacks)}.\n\n";
    }

    /// <summary>
    /// A table in a kind's layout over <paramref name="stacks"/>, each cell what <paramref name="cell"/> makes of a summary row at a scale,
    /// a result <paramref name="flagged"/> marks ⚠ (on its cell, or on its stack where a row holds several metrics).
    /// </summary>
    private static string Table(SummaryTable layout, ScenarioInfo scenario, List<SummaryRow> rows, IReadOnlyList<string> stacks, Func<SummaryRow, double, string> cell,
        Func<(int Point, string Stack), bool> flagged, string unit) =>
        layout switch
        {
            SummaryTable.StackColumns t => StackColumns(scenario, rows, t, stacks, cell, flagged, unit),
            SummaryTable.MetricColumns t => MetricColumns(scenario, rows, t.Columns, stacks, cell, flagged),
            var other => throw new InvalidOperationException($"no layout for a summary table of type {other.GetType().Name}"),
        };

    /// <summary>One metric per point (rows) and stack (columns).</summary>
    private static string StackColumns(ScenarioInfo scenario, List<SummaryRow> rows, SummaryTable.StackColumns table, IReadOnlyList<string> stacks,
        Func<SummaryRow, double, string> cell, Func<(int, string), bool> flagged, string unit)
    {
        var t = new StringBuilder();
        var head = scenario.Swept.Count == 0 ? "scenario" : string.Join(", ", scenario.Swept.Select(scenario.Label));
        t.Append(CultureInfo.InvariantCulture, $"{table.Title}:\n\n| {Cell(head)} | {string.Join(" | ", stacks.Select(s => $"{Cell(s)} ({unit})"))} |\n|---|{string.Concat(stacks.Select(_ => "---:|"))}\n");
        foreach (var point in rows.GroupBy(r => r.Point))
        {
            var label = scenario.Swept.Count == 0 ? scenario.Name : string.Join(", ", scenario.Swept.Select(p => point.First().Parameter(p)));
            var cells = stacks.Select(s => point.FirstOrDefault(r => r.Stack == s && r.Metric == table.Metric) is { } r ? cell(r, 1) + (flagged((r.Point, s)) ? " ⚠" : "") : "—");
            t.Append(CultureInfo.InvariantCulture, $"| {Cell(label)} | {string.Join(" | ", cells)} |\n");
        }
        return t.ToString();
    }

    /// <summary>The given metrics per stack (and point), for the stacks given.</summary>
    private static string MetricColumns(ScenarioInfo scenario, List<SummaryRow> rows, IReadOnlyList<SummaryColumn> columns, IReadOnlyList<string> stacks,
        Func<SummaryRow, double, string> cell, Func<(int, string), bool> flagged)
    {
        var t = new StringBuilder();
        var pointColumn = scenario.Swept.Count > 0;
        t.Append(CultureInfo.InvariantCulture, $"| {(pointColumn ? Cell(string.Join(", ", scenario.Swept.Select(scenario.Label))) + " | " : "")}stack | {string.Join(" | ", columns.Select(c => c.Header))} |\n");
        t.Append(CultureInfo.InvariantCulture, $"|{(pointColumn ? "---|" : "")}---|{string.Concat(columns.Select(_ => "---:|"))}\n");
        foreach (var group in rows.Where(r => stacks.Contains(r.Stack)).GroupBy(r => (r.Point, r.Stack)))
        {
            var label = pointColumn ? Cell(string.Join(", ", scenario.Swept.Select(p => group.First().Parameter(p)))) + " | " : "";
            var cells = columns.Select(c => group.FirstOrDefault(r => r.Metric == c.Metric) is { } r ? cell(r, c.Scale) : "—");
            t.Append(CultureInfo.InvariantCulture, $"| {label}{Cell(group.Key.Stack)}{(flagged(group.Key) ? " ⚠" : "")} | {string.Join(" | ", cells)} |\n");
        }
        return t.ToString();
    }

    /// <summary>
    /// A paired comparison as one cell: the signed difference ± its 95% half-width, then the ratio of the means ± its half-width
    /// (+0.52 ± 0.03 (×1.40 ± 0.02)); a ratio without a reference mean (zero) is left out.
    /// </summary>
    public static string Comparison(PairedComparison c, double scale = 1)
    {
        var signed = Signed(c.Difference, scale);
        return double.IsNaN(c.Ratio.Ratio) ? signed : $"{signed} ({Ratio(c)})";
    }

    /// <summary>A comparison's ratio of means with its 95% half-width, as <see cref="Estimate"/> writes a number (×0.64 ± 0.01); "—" without one.</summary>
    public static string Ratio(PairedComparison c) =>
        double.IsNaN(c.Ratio.Ratio) ? "—" : "×" + Estimate(new MeanEstimate(c.Pairs, c.Ratio.Ratio, double.NaN, c.Ratio.Low, c.Ratio.High));

    /// <summary>A difference as <see cref="Estimate"/> writes it, with its sign when positive (+0.52 ± 0.03).</summary>
    public static string Signed(MeanEstimate difference, double scale = 1)
    {
        var text = Estimate(difference, scale);
        return difference.Mean * scale > 0 && text.Split(' ')[0].Any(d => d is >= '1' and <= '9') ? "+" + text : text;
    }

    /// <summary>
    /// A mean with its 95% half-width, each to the digits the interval supports: the half-width to two significant figures,
    /// the mean to the same decimal place (0.0010 ± 0.0098, 12,300 ± 1,100), but never past the mean's fifth significant figure
    /// (an interval a hundred-thousandth of the mean reads 0.059300 ± 0.000000, not 0.059300443 ± 0.000000045). Without an
    /// interval (one replication), or with none at all (no spread: the same value every replication), the mean alone, to three
    /// significant figures.
    /// </summary>
    public static string Estimate(MeanEstimate e, double scale = 1)
    {
        var (mean, half) = (e.Mean * scale, (e.High - e.Low) / 2 * scale);
        if (double.IsNaN(half) || !(half > 1e-9 * Math.Abs(mean)) || !double.IsFinite(mean)) return Number(mean);
        var exponent = Math.Max((int)Math.Floor(Math.Log10(half)) - 1, mean == 0 ? int.MinValue : (int)Math.Floor(Math.Log10(Math.Abs(mean))) - 4);
        var step = Math.Pow(10, exponent);
        var decimals = Math.Clamp(-exponent, 0, 12).ToString(CultureInfo.InvariantCulture);
        return $"{(Math.Round(mean / step) * step).ToString("N" + decimals, CultureInfo.InvariantCulture)} ± {(Math.Round(half / step) * step).ToString("N" + decimals, CultureInfo.InvariantCulture)}";
    }

    /// <summary>Text from a campaign file as markdown shows it: control characters escaped (a line break would end the row), '|' escaped.</summary>
    private static string Cell(string text) => Models.Printable.Of(text, int.MaxValue).Replace("|", "\\|", StringComparison.Ordinal);
}
