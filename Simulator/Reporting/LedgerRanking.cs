using NodeSim.Engine;

namespace NodeSim.Reporting;

/// <summary>The parts of one result's ledger, largest first: what the summary's ledger text and the findings name as the causes.</summary>
public static class LedgerRanking
{
    /// <summary>The parts of <paramref name="ledger"/> whose mean is above 0 in <paramref name="rows"/> (one point under one stack), largest first, ties in the ledger's order.</summary>
    public static IEnumerable<(string Label, double Mean)> Largest(Ledger ledger, IEnumerable<SummaryRow> rows)
    {
        var means = rows.GroupBy(r => r.Metric).ToDictionary(g => g.Key, g => g.First().Estimate.Mean);
        return ledger.Parts.Where(p => means.GetValueOrDefault(p.Metric) > 0).Select(p => (p.Label, Mean: means[p.Metric])).OrderByDescending(p => p.Mean);
    }
}
