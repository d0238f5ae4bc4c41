using NodeSim.Models.Costs;

namespace NodeSim.Engine;

/// <summary>A replay's metrics and its per-job costs, which the ledger averages.</summary>
public sealed record ReplayRunOutcome(ReplayMetrics Metrics, ReplayOutcome Outcome)
{
    /// <summary>A cause's share averaged over the jobs, in percent of their ideal run time.</summary>
    public double MeanLedgerPct(OverheadCause cause) =>
        Outcome.Jobs.Average(j => Outcome.Costs[j.Index]?.Execution?.LedgerPct[cause] ?? 0);

    /// <summary>The amplification of a noise cause averaged over the jobs, in percent of their ideal run time.</summary>
    public double MeanAmplificationPct(OverheadCause cause) =>
        Outcome.Jobs.Average(j => Outcome.Costs[j.Index]?.Execution?.AmplificationByCause[(int)cause] ?? 0);
}
