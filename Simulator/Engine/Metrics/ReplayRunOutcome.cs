using NodeSim.Models.Costs;

namespace NodeSim.Engine;

/// <summary>A replay's metrics and its per-job costs, which the ledger averages.</summary>
public sealed record ReplayRunOutcome(ReplayMetrics Metrics, ReplayOutcome Outcome)
{
    /// <summary>A cause's share averaged over the jobs, in percent of their ideal run time.</summary>
    public double MeanLedgerPct(OverheadCause cause) => Means.Ledger[(int)cause];

    /// <summary>The amplification of a noise cause averaged over the jobs, in percent of their ideal run time.</summary>
    public double MeanAmplificationPct(OverheadCause cause) => Means.Amplification[(int)cause];

    /// <summary>
    /// Every cause's two means, from one pass over the jobs (a metric each would pass thirty times over a 200,000-job replay): summed in
    /// job order and divided by the count, as <c>Average</c> does, so the numbers are the same to the bit.
    /// </summary>
    private (double[] Ledger, double[] Amplification) Means => _means ??= ComputeMeans();

    private (double[] Ledger, double[] Amplification)? _means;

    private (double[] Ledger, double[] Amplification) ComputeMeans()
    {
        var causes = OverheadCauses.All.Length;
        var (ledger, amplification) = (new double[causes], new double[causes]);
        foreach (var job in Outcome.Jobs)
        {
            if (Outcome.Costs[job.Index]?.Execution is not { } e) continue;
            for (var c = 0; c < causes; c++)
            {
                ledger[c] += e.LedgerByCause[c];
                amplification[c] += e.AmplificationByCause[c];
            }
        }
        for (var c = 0; c < causes; c++) (ledger[c], amplification[c]) = (ledger[c] / Outcome.Jobs.Count, amplification[c] / Outcome.Jobs.Count);
        return (ledger, amplification);
    }
}
