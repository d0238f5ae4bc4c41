using System.Text;

namespace NodeSim.Reporting.Campaigns;

/// <summary>
/// What a replay's table needs beside it to be read right: busy utilisation counts a stack's overhead as busy time (useful
/// utilisation does not), and, where a stack whose jobs run longer shows a lower mean bounded slowdown than the stack with the
/// least overhead, why backfilling can do that. Written for any scenario that reports the four metrics.
/// </summary>
public static class ReplayNotes
{
    private const string Bsld = "mean_bsld", Overhead = "mean_overhead_pct", Busy = "utilization", Useful = "useful_utilization";

    public static string Of(ScenarioInfo scenario, IReadOnlyList<SummaryRow> rows)
    {
        if (new[] { Bsld, Overhead, Busy, Useful }.Any(m => !rows.Any(r => r.Metric == m))) return "";
        var md = new StringBuilder();
        md.Append("Busy utilisation counts the time a stack's overhead adds to each job as busy, so it rises with overhead; useful utilisation ")
            .Append("counts only the work the trace asked for (its run times), so overhead lowers it.\n\n");
        foreach (var point in rows.GroupBy(r => r.Point))
        {
            MeanEstimate? Get(string stack, string metric) => point.FirstOrDefault(r => r.Stack == stack && r.Metric == metric)?.Estimate;
            var stacks = scenario.Stacks.Where(s => Get(s, Overhead) is not null && Get(s, Bsld) is not null).ToList();
            if (stacks.Count < 2) continue;
            var least = stacks.MinBy(s => Get(s, Overhead)!.Value.Mean)!;
            var lower = stacks.Where(s => s != least && Get(s, Overhead)!.Value.Mean > Get(least, Overhead)!.Value.Mean && Below(Get(s, Bsld)!.Value, Get(least, Bsld)!.Value)).ToList();
            if (lower.Count == 0) continue;
            var at = Plots.Layout.At(scenario, point.First());
            md.Append("**Why ").Append(string.Join(" and ", lower.Select(s => $"{s}'s mean bounded slowdown ({NumberText.Number(Get(s, Bsld)!.Value.Mean)})")))
                .Append(lower.Count == 1 ? " is below " : " are below ").Append(least).Append("'s (").Append(NumberText.Number(Get(least, Bsld)!.Value.Mean)).Append(')').Append(at)
                .Append(lower.Count == 1 ? " although its jobs run longer:**" : " although their jobs run longer:**").Append(" under backfilling a job's run time decides which waiting jobs fit before the first job's ")
                .Append("reservation, so longer jobs open other holes and another set of jobs starts early. Mean bounded slowdown is dominated by the ")
                .Append("waits of short jobs, so a reordering that favours them can lower it while every job runs longer. It is a property of this ")
                .Append("schedule, not a gain of the stack: useful utilisation (")
                .Append(string.Join(", ", lower.Select(s => $"{s} {NumberText.Number(Get(s, Useful)!.Value.Mean)}")))
                .Append(" against ").Append(NumberText.Number(Get(least, Useful)!.Value.Mean)).Append(") says what the overhead cost.\n\n");
        }
        return md.ToString();
    }

    /// <summary>Whether <paramref name="a"/> is below <paramref name="b"/>: beyond both intervals, or, without intervals, at all.</summary>
    private static bool Below(MeanEstimate a, MeanEstimate b) =>
        double.IsNaN(a.High) || double.IsNaN(b.Low) ? a.Mean < b.Mean : a.High < b.Low;

}
