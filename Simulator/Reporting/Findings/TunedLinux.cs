using NodeSim.Models.Isolation;

namespace NodeSim.Reporting.Findings;

/// <summary>A reviewer's first question: does a Linux tuned for HPC close the gap, and what does the tuning cost.</summary>
public sealed class TunedLinux : FindingRule
{
    public override string Question => "What tuned Linux achieves, and its price";

    public override IEnumerable<Finding> Find(CampaignEvidence evidence)
    {
        string kitten = IsolationStack.HafniumKitten.Name, linux = IsolationStack.HafniumLinux.Name;
        foreach (var tuned in new[] { IsolationStack.HafniumLinuxTuned.Name, IsolationStack.NativeLinuxTuned.Name })
        {
            if (Scale.Largest(evidence, tuned, kitten, linux) is not { } at) continue;
            var (t, k, l) = (at.Rows[tuned], at.Rows[kitten], at.Rows[linux]);
            var unit = evidence.HeadlineUnit(at.Scenario);
            var price = evidence.Rows(at.Scenario, "node_seconds_ratio").Where(r => r.Point == at.Point).ToDictionary(r => r.Stack, r => r.Estimate);
            var statement = $"At {Scale.Describe(at.Scenario, t)} ('{at.Scenario.Name}'), {tuned} (nohz_full, threads and interrupts on a housekeeping core per node, THP) " +
                            $"loses {Wording.Value(t.Estimate, unit)}, against {Wording.Value(k.Estimate, unit)} for {kitten} and {Wording.Value(l.Estimate, unit)} for {linux}: " +
                            $"tuning removes {NumberText.Number(l.Estimate.Mean - t.Estimate.Mean)} of the default Linux's {NumberText.Number(l.Estimate.Mean)}{(unit == "%" ? " percentage points" : Wording.Unit(unit))}.";
            if (price.TryGetValue(tuned, out var pt) && price.TryGetValue(kitten, out var pk) && price.TryGetValue(linux, out var pl))
                statement += $" Its price is the housekeeping core: the job occupies {Wording.Value(pt, "×")} the ideal machine's node-seconds (a core per node kept from the ranks, " +
                             $"and its slowdown), {linux} {Wording.Value(pl, "×")} (its slowdown alone), {kitten} {Wording.Value(pk, "×")}.";
            // Where the tuned Linux primary beats Kitten's, over every point of every scenario that ran both.
            var points = evidence.With(tuned, kitten).SelectMany(s => evidence.HeadlinePoints(s, tuned, kitten).Select(p => (Scenario: s, Rows: p))).ToList();
            var wins = points.Where(p => p.Rows[tuned].Estimate.High < p.Rows[kitten].Estimate.Low).ToList();
            if (points.Count > 0)
                statement += $" Over the campaign's {points.Count} points that ran both, {tuned} is below {kitten} (95 % intervals apart) at {wins.Count}" +
                             (wins.Count == 0 ? "." : $": {string.Join("; ", wins.Take(4).Select(w => $"'{w.Scenario.Name}' {Scale.Describe(w.Scenario, w.Rows[tuned])} ({NumberText.Number(w.Rows[tuned].Estimate.Mean)} against {NumberText.Number(w.Rows[kitten].Estimate.Mean)}{Wording.Unit(unit)})"))}{(wins.Count > 4 ? "; …" : "")}.");
            var backing = Backing.Of(evidence, tuned, kitten, t.Estimate.Mean - k.Estimate.Mean, s => evidence.Covers(s, at.Scenario, t, "profile", "interconnect"));
            var key = Wording.UnitKey(unit);
            var numbers = new Dictionary<string, double>(backing.Numbers)
            {
                [$"{tuned}_{key}"] = t.Estimate.Mean, [$"{kitten}_{key}"] = k.Estimate.Mean, [$"{linux}_{key}"] = l.Estimate.Mean,
                ["ranks"] = Scale.Ranks(at.Scenario, t),
            };
            if (price.TryGetValue(tuned, out var p)) numbers[$"{tuned}_node_seconds_ratio"] = p.Mean;
            numbers[$"{tuned}_below_{kitten}_points"] = wins.Count;
            numbers[$"{tuned}_and_{kitten}_points"] = points.Count;
            yield return new Finding(Question, statement, backing.Robustness, backing.Text, [at.Scenario.Name], numbers);
            yield break;
        }
    }
}
