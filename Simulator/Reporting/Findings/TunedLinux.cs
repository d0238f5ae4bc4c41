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
            if (price.TryGetValue(tuned, out var pt) && price.TryGetValue(kitten, out var pk))
                statement += $" Its price is the housekeeping core: the job occupies {Wording.Value(pt, "×")} the ideal machine's node-seconds, {kitten} {Wording.Value(pk, "×")}.";
            var backing = Backing.Of(evidence, tuned, kitten, t.Estimate.Mean - k.Estimate.Mean, s => evidence.Covers(s, at.Scenario, t, "profile", "interconnect"));
            var key = KittenVersusLinuxPrimary.Key(unit);
            var numbers = new Dictionary<string, double>(backing.Numbers)
            {
                [$"{tuned}_{key}"] = t.Estimate.Mean, [$"{kitten}_{key}"] = k.Estimate.Mean, [$"{linux}_{key}"] = l.Estimate.Mean,
                ["ranks"] = Scale.Ranks(at.Scenario, t),
            };
            if (price.TryGetValue(tuned, out var p)) numbers[$"{tuned}_node_seconds_ratio"] = p.Mean;
            yield return new Finding(Question, statement, backing.Robustness, backing.Text, [at.Scenario.Name], numbers);
            yield break;
        }
    }
}
