using static NodeSim.Reporting.NumberText;
using NodeSim.Models.Isolation;

namespace NodeSim.Reporting.Findings;

/// <summary>What the secure partition manager itself costs: Kitten under Hafnium against Kitten on bare metal, per kind of work.</summary>
public sealed class HafniumCost : FindingRule
{
    public override string Question => "What Hafnium itself costs";

    public override IEnumerable<Finding> Find(CampaignEvidence evidence)
    {
        string under = IsolationStack.HafniumKitten.Name, bare = IsolationStack.NativeKitten.Name;
        if (evidence.Sweeping("profile", under, bare) is not var (scenario, rows)) yield break;
        var unit = evidence.HeadlineUnit(scenario);
        var key = Wording.UnitKey(unit);
        var points = rows.Select(p => (Profile: p[under].Parameter("profile")!, Under: p[under].Estimate, Bare: p[bare].Estimate,
            Cost: Wording.Unpaired(p[under].Estimate, p[bare].Estimate))).ToList();
        string Part(string profile, string what) => points.FirstOrDefault(p => p.Profile == profile) is { Profile: not null } p
            ? $"{Wording.Difference(p.Cost, unit)} on {what} work ({profile}: {Number(p.Under.Mean)} against {Number(p.Bare.Mean)}{Wording.Unit(unit)})" : "";
        var parts = new[] { Part("compute", "compute-bound"), Part("io", "I/O-bound") }.Where(p => p.Length > 0).ToList();
        var (least, most) = (points.MinBy(p => p.Cost.Mean), points.MaxBy(p => p.Cost.Mean));
        var statement = $"In '{scenario.Name}', Hafnium under a Kitten primary ({under} against {bare}) costs {string.Join(" and ", parts)}; " +
                        $"over its {points.Count} profiles from {Number(least.Cost.Mean)} ({least.Profile}) to {Number(most.Cost.Mean)} ({most.Profile}) " +
                        $"{(unit == "%" ? "percentage points" : unit)} (intervals unpaired, so wider than the paired ones).";
        var extra = new Dictionary<string, double>();
        // And at the largest scale that ran both, where the primary's noise meets the collectives.
        if (Scale.Largest(evidence, under, bare) is { } big && Scale.Ranks(big.Scenario, big.Rows[under]) > Scale.Ranks(scenario, rows[0][under]))
        {
            var cost = Wording.Unpaired(big.Rows[under].Estimate, big.Rows[bare].Estimate);
            statement += $" At {Scale.Describe(big.Scenario, big.Rows[under])} ('{big.Scenario.Name}') it costs {Wording.Difference(cost, unit)} " +
                         $"({Number(big.Rows[under].Estimate.Mean)} against {Number(big.Rows[bare].Estimate.Mean)}{Wording.Unit(unit)}).";
            extra[$"largest_scale_cost_{key}"] = cost.Mean;
        }
        var backing = Backing.Of(evidence, under, bare, most.Cost.Mean, s => rows.Any(p => evidence.Covers(s, scenario, p[under], "profile", "interconnect")));
        var numbers = new Dictionary<string, double>(backing.Numbers.Concat(extra));
        foreach (var p in points) numbers[$"{p.Profile}_cost_{key}"] = p.Cost.Mean;
        yield return new Finding(Question, statement, backing.Robustness, backing.Text, [scenario.Name], numbers);
    }
}
