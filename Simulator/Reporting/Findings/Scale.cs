using System.Globalization;

namespace NodeSim.Reporting.Findings;

/// <summary>The point a finding about scale reads: among the scenarios that ran every stack it names, the one with the most ranks.</summary>
internal static class Scale
{
    /// <summary>The scenario and point with the most ranks that ran all of <paramref name="stacks"/>, and each stack's headline there; null without one.</summary>
    public static (ScenarioInfo Scenario, int Point, Dictionary<string, SummaryRow> Rows)? Largest(CampaignEvidence evidence, params string[] stacks)
    {
        var best = evidence.With(stacks)
            .SelectMany(s => evidence.HeadlinePoints(s, stacks).Select(rows => (Scenario: s, Point: rows.Values.First().Point, Rows: rows)))
            .Select((p, order) => (p, Ranks: Ranks(p.Scenario, p.Rows.Values.First()), order))
            .OrderByDescending(p => p.Ranks).ThenBy(p => p.order)
            .FirstOrDefault();
        return best.p.Scenario is null ? null : best.p;
    }

    /// <summary>The point's ranks: swept, or fixed by the scenario (0 when neither says).</summary>
    public static long Ranks(ScenarioInfo scenario, SummaryRow row) =>
        long.TryParse(row.Parameter("ranks") ?? scenario.Settings?.GetValueOrDefault("ranks"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var r) ? r : 0;

    /// <summary>"16,384 ranks, bsp-allreduce on hpc": what a point is, for a sentence.</summary>
    public static string Describe(ScenarioInfo scenario, SummaryRow row)
    {
        string? Setting(string key) => row.Parameter(key) ?? scenario.Settings?.GetValueOrDefault(key);
        var ranks = Ranks(scenario, row);
        var parts = new List<string>();
        if (ranks > 0) parts.Add($"{ranks.ToString("N0", CultureInfo.InvariantCulture)} ranks");
        if (Setting("profile") is { } profile) parts.Add(profile + (Setting("interconnect") is { } network ? $" on {network}" : ""));
        return string.Join(", ", parts);
    }
}
