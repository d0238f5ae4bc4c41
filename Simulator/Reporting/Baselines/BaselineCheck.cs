using MathNet.Numerics.Distributions;

namespace NodeSim.Reporting.Baselines;

/// <summary>One metric compared: the baseline's and the run's numbers, their difference and what the rule allowed.</summary>
/// <param name="PValue">Welch's two-sided p-value (1 for deterministic metrics, which have none).</param>
/// <param name="Allowed">The largest difference the rule lets pass for this metric.</param>
/// <param name="Deterministic">Both sides have no spread (one replication, or identical ones): compared to a relative floor.</param>
public sealed record Comparison(BaselineRow Old, BaselineRow New, double Difference, double Allowed, double PValue, bool Deterministic, bool Moved)
{
    /// <summary>How far past (above 1) or within (below 1) what was allowed.</summary>
    public double Severity => Allowed > 0 ? Math.Abs(Difference) / Allowed : double.IsNaN(Difference) ? double.PositiveInfinity : Math.Abs(Difference) > 0 ? double.PositiveInfinity : 0;
}

/// <summary>What a check found.</summary>
public sealed record CheckOutcome(IReadOnlyList<Comparison> Comparisons, double Alpha)
{
    public IEnumerable<Comparison> Moved => Comparisons.Where(c => c.Moved);
}

/// <summary>
/// Compares a run's summary with a committed baseline, metric by metric, with a rule that neither
/// misses a real change nor cries wolf over hundreds of metrics:
/// <list type="bullet">
/// <item>A metric with spread on either side (several replications that differ) is compared by
/// Welch's t-test on the two means (its standard errors from each side's sd and n); the p-values
/// of all such metrics are corrected for multiplicity by Holm's step-down method, so the chance
/// that any of them flags when nothing changed is at most <c>alpha</c> (default 0.01).</item>
/// <item>A metric without spread (one replication, or identical ones — counts, the ideal stack's
/// zeros, replays of a fixed trace) must agree to a relative floor of 1e-9 (and 1e-12 absolute):
/// the same seeds give the same numbers bit for bit, so anything more is a change.</item>
/// </list>
/// The same seeds reproduce the baseline exactly (every difference is zero); a rerun with fresh
/// seeds (<c>nodesim run --reseed</c>) passes with probability at least 1 − alpha.
/// </summary>
public static class BaselineCheck
{
    public const double DefaultAlpha = 0.01, RelativeFloor = 1e-9, AbsoluteFloor = 1e-12;

    /// <exception cref="UserInputException">The two are of different campaigns, or rows are missing on either side (named).</exception>
    /// <param name="accept">The command that accepts a change by rewriting <paramref name="baselineFile"/>, as the messages name it.</param>
    public static CheckOutcome Compare(IReadOnlyList<BaselineRow> baseline, IReadOnlyList<BaselineRow> run, string baselineFile, string runDirectory,
        double alpha = DefaultAlpha, string accept = "nodesim baseline update")
    {
        if (!(alpha is > 0 and < 1)) throw new UserInputException($"--alpha: {alpha} is not a probability between 0 and 1");
        var oldCampaign = baseline.Select(r => r.Campaign).Distinct().ToList();
        var newCampaign = run.Select(r => r.Campaign).Distinct().ToList();
        if (oldCampaign.Count != 1) throw new UserInputException($"{baselineFile}: holds {(oldCampaign.Count == 0 ? "no rows" : $"rows of {oldCampaign.Count} campaigns")}; expected one campaign's");
        if (newCampaign.Count == 1 && newCampaign[0] != oldCampaign[0])
            throw new UserInputException($"{runDirectory}: holds campaign '{newCampaign[0]}', but {baselineFile} is the baseline of campaign '{oldCampaign[0]}'");
        var newRows = run.ToDictionary(r => r.Key);
        var oldRows = baseline.ToDictionary(r => r.Key);
        Missing(baseline.Where(r => !newRows.ContainsKey(r.Key)).ToList(), $"{runDirectory} has no result for", $"(the campaign or its metrics changed; if that is intended, rewrite {baselineFile} with: {accept})");
        Missing(run.Where(r => !oldRows.ContainsKey(r.Key)).ToList(), $"{baselineFile} has no baseline for", $"(a new scenario, stack or metric; to accept it, rewrite {baselineFile} with: {accept})");

        var pairs = baseline.Select(r => (Old: r, New: newRows[r.Key])).ToList();
        var stochastic = pairs.Where(p => !IsDeterministic(p.Old, p.New)).ToList();
        // Holm: the k-th smallest of m p-values is held to alpha / (m − k); rejections stop at the first that holds.
        var ranked = stochastic.Select(p => (p.Old, p.New, P: PValue(p.Old, p.New))).OrderBy(x => x.P).ThenBy(x => x.Old.Key).ToList();
        var comparisons = new List<Comparison>();
        var stepping = true;
        for (var k = 0; k < ranked.Count; k++)
        {
            var (o, n, p) = ranked[k];
            var level = alpha / (ranked.Count - k);
            var d = n.Mean - o.Mean;
            var floor = Floor(o, n);
            stepping &= p <= level;
            var se = StandardError(o, n);
            var allowed = Math.Max(floor, StudentT.InvCDF(0, 1, WelchDf(o, n), 1 - level / 2) * se);
            comparisons.Add(new Comparison(o, n, d, allowed, p, false, stepping && Math.Abs(d) > floor));
        }
        foreach (var (o, n) in pairs.Where(p => IsDeterministic(p.Old, p.New)))
        {
            var d = n.Mean - o.Mean;
            var same = double.IsNaN(o.Mean) && double.IsNaN(n.Mean);
            var allowed = Floor(o, n);
            comparisons.Add(new Comparison(o, n, same ? 0 : d, allowed, 1, true, !same && !(Math.Abs(d) <= allowed)));
        }
        return new CheckOutcome([.. comparisons.OrderByDescending(c => c.Moved).ThenByDescending(c => c.Severity).ThenBy(c => c.Old.Key)], alpha);
    }

    private static void Missing(List<BaselineRow> rows, string what, string hint)
    {
        if (rows.Count == 0) return;
        var named = string.Join(", ", rows.Take(5).Select(r => $"{r.Scenario} point {r.Point} {r.Stack} {r.Metric}"));
        throw new UserInputException($"{what} {rows.Count:N0} rows: {named}{(rows.Count > 5 ? ", …" : "")} {hint}");
    }

    private static bool IsDeterministic(BaselineRow o, BaselineRow n) =>
        o.N < 2 || n.N < 2 || !(o.StdDev > 0 || n.StdDev > 0);

    private static double Floor(BaselineRow o, BaselineRow n) =>
        Math.Max(AbsoluteFloor, RelativeFloor * Math.Max(Math.Abs(o.Mean), Math.Abs(n.Mean)));

    private static double StandardError(BaselineRow o, BaselineRow n) =>
        Math.Sqrt(o.StdDev * o.StdDev / o.N + n.StdDev * n.StdDev / n.N);

    /// <summary>Welch–Satterthwaite degrees of freedom.</summary>
    private static double WelchDf(BaselineRow o, BaselineRow n)
    {
        double a = o.StdDev * o.StdDev / o.N, b = n.StdDev * n.StdDev / n.N;
        var df = (a + b) * (a + b) / (a * a / (o.N - 1) + b * b / (n.N - 1));
        return double.IsFinite(df) && df > 0 ? df : Math.Min(o.N, n.N) - 1;
    }

    private static double PValue(BaselineRow o, BaselineRow n)
    {
        var se = StandardError(o, n);
        var t = (n.Mean - o.Mean) / se;
        return double.IsNaN(t) ? 1 : 2 * (1 - StudentT.CDF(0, 1, WelchDf(o, n), Math.Abs(t)));
    }
}
