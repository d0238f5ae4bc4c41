using NodeSim.Models.Isolation;

namespace NodeSim.Reporting.Findings;

/// <summary>When the network between the nodes changes which primary is better: the Kitten and Linux primaries under each interconnect.</summary>
public sealed class NetworkRanking : FindingRule
{
    public override string Question => "When the network changes the ranking";

    public override IEnumerable<Finding> Find(CampaignEvidence evidence)
    {
        string kitten = IsolationStack.HafniumKitten.Name, linux = IsolationStack.HafniumLinux.Name;
        if (evidence.Sweeping("interconnect", kitten, linux) is not var (scenario, points)) yield break;
        var unit = evidence.HeadlineUnit(scenario);
        var numbers = new Dictionary<string, double>();
        var byNetwork = points.GroupBy(p => p[kitten].Parameter("interconnect")!).ToList();
        var parts = new List<string>();
        var reversed = 0;
        foreach (var network in byNetwork)
        {
            var kittenWins = network.Where(p => p[kitten].Estimate.Mean < p[linux].Estimate.Mean).ToList();
            var losses = network.Except(kittenWins).ToList();
            reversed += losses.Count;
            var best = network.Select(p => p.Values.MinBy(r => r.Estimate.Mean)!).Select(r => $"{r.Stack} on {r.Parameter("profile") ?? "it"}");
            var ratios = network.Where(p => p[kitten].Estimate.Mean > 0).Select(p => p[linux].Estimate.Mean / p[kitten].Estimate.Mean).ToList();
            parts.Add($"on {network.Key}, {kitten} beats {linux} on {kittenWins.Count} of {network.Count()} {(network.Count() == 1 ? "point" : "points")}" +
                      (ratios.Count > 0 ? $" ({linux} loses {NumberText.Number(ratios.Min())}× to {NumberText.Number(ratios.Max())}× what {kitten} does)" : "") +
                      (losses.Count > 0 ? $" (not on {string.Join(", ", losses.Select(p => $"{p[kitten].Parameter("profile") ?? "it"}: {NumberText.Number(p[kitten].Estimate.Mean)} against {NumberText.Number(p[linux].Estimate.Mean)}{Wording.Unit(unit)}"))})" : "") +
                      $"; the lowest of all stacks: {string.Join(", ", best)}");
            numbers[$"{network.Key}_kitten_wins"] = kittenWins.Count;
            numbers[$"{network.Key}_points"] = network.Count();
        }
        var statement = $"In '{scenario.Name}': {string.Join("; ", parts)}." +
                        (reversed == 0 ? " The network does not reverse the Kitten primary's advantage at these points." : $" The network reverses it at {reversed} point{(reversed == 1 ? "" : "s")}.");
        var backing = Backing.Of(evidence, linux, kitten, 1, s => points.Any(p => evidence.Covers(s, scenario, p[kitten], "profile", "interconnect")), reversalsOnly: true);
        foreach (var n in backing.Numbers) numbers[n.Key] = n.Value;
        yield return new Finding(Question, statement, backing.Robustness, backing.Text, [scenario.Name], numbers);
    }
}
