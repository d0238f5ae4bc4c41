using NodeSim.Models.Isolation;

namespace NodeSim.Reporting.Findings;

/// <summary>The question the project exists for: does Kitten as Hafnium's primary beat Linux, by how much, where, and why.</summary>
public sealed class KittenVersusLinuxPrimary : FindingRule
{
    public override string Question => "Kitten against Linux as Hafnium's primary";

    public override IEnumerable<Finding> Find(CampaignEvidence evidence)
    {
        string kitten = IsolationStack.HafniumKitten.Name, linux = IsolationStack.HafniumLinux.Name;
        if (Scale.Largest(evidence, kitten, linux) is not { } at) yield break;
        var (k, l) = (at.Rows[kitten], at.Rows[linux]);
        var unit = evidence.HeadlineUnit(at.Scenario);
        var difference = l.Against is { Reference: var r } al && r == kitten ? al.Difference
            : k.Against is { Reference: var r2 } ak && r2 == linux ? Wording.Negate(ak.Difference) : Wording.Unpaired(l.Estimate, k.Estimate);
        var statement = $"At {Scale.Describe(at.Scenario, k)} ('{at.Scenario.Name}'), {kitten} loses {Wording.Value(k.Estimate, unit)} and {linux} {Wording.Value(l.Estimate, unit)}: " +
                        $"the Linux primary costs {Wording.Difference(difference, unit)} more (the intervals are the replicas' noise, not the parameters' uncertainty).";
        if (evidence.LargestCauses(at.Scenario, l, 2) is { Length: > 0 } causes) statement += $" Its loss is mostly {causes}.";
        // How it grows with scale, when the scenario sweeps the ranks.
        var smallest = evidence.Headline(at.Scenario).Where(r => r.Stack == linux).MinBy(r => Scale.Ranks(at.Scenario, r));
        var smallestKitten = evidence.Headline(at.Scenario).FirstOrDefault(r => r.Stack == kitten && r.Point == smallest?.Point);
        if (smallest is not null && smallestKitten is not null && Scale.Ranks(at.Scenario, smallest) < Scale.Ranks(at.Scenario, l))
            statement += $" At {Scale.Ranks(at.Scenario, smallest).ToString("N0", System.Globalization.CultureInfo.InvariantCulture)} ranks the two lose {Wording.Value(smallestKitten.Estimate, unit)} and {Wording.Value(smallest.Estimate, unit)}: " +
                         $"with scale {linux}'s loss grows {Factor(l.Estimate, smallest.Estimate)}, {kitten}'s {Factor(k.Estimate, smallestKitten.Estimate)}.";
        var backing = Backing.Of(evidence, linux, kitten, difference.Mean, s => evidence.Covers(s, at.Scenario, l, "profile", "interconnect"));
        if (backing.Robustness != Robustness.NotTested)
            backing.Text = $"(the studies ran at the ranks they name, not at this point's {Scale.Ranks(at.Scenario, l).ToString("N0", System.Globalization.CultureInfo.InvariantCulture)}) {backing.Text}";
        var numbers = new Dictionary<string, double>(backing.Numbers)
        {
            [$"{kitten}_{Wording.UnitKey(unit)}"] = k.Estimate.Mean, [$"{linux}_{Wording.UnitKey(unit)}"] = l.Estimate.Mean,
            ["difference_" + Wording.UnitKey(unit)] = difference.Mean, ["difference_low_" + Wording.UnitKey(unit)] = difference.Low, ["difference_high_" + Wording.UnitKey(unit)] = difference.High,
            ["ranks"] = Scale.Ranks(at.Scenario, k),
        };
        yield return new Finding(Question, statement, backing.Robustness, backing.Text,
            [at.Scenario.Name, .. evidence.StudiesOf(linux, kitten).Select(s => s.Scenario.Name).Distinct()], numbers);
    }

    /// <summary>How many times <paramref name="large"/> is <paramref name="small"/>; not a number when the small one's interval reaches 0 (no stable denominator).</summary>
    private static string Factor(MeanEstimate large, MeanEstimate small) =>
        small.Mean > 0 && !(small.Low <= 0) ? $"{NumberText.Number(large.Mean / small.Mean)}×" : "from a value its interval does not tell from 0";
}
