using NodeSim.Models.Costs;

namespace NodeSim.Engine.Kinds;

/// <summary>The names of the ledger's and the counters' metrics, shared by the kinds that report them, and the ledger they make.</summary>
public static class Ledgers
{
    /// <summary>A cause's share of the job's ideal time, e.g. <c>world_switches_pct</c>.</summary>
    public static string Column(OverheadCause cause) => OverheadCauses.Key(cause) + "_pct";

    /// <summary>A noise cause's share of collective amplification, e.g. <c>amplified_daemon_noise_pct</c>.</summary>
    public static string AmplifiedColumn(OverheadCause cause) => OverheadCauses.AmplifiedKey(cause) + "_pct";

    /// <summary>A counter's rate, e.g. <c>world_switches_per_s</c>.</summary>
    public static string RateColumn(Counter counter) => Counters.Key(counter) + "_per_s";

    /// <summary>The overhead split by cause, stacked: every cause of the ledger in percent of the ideal time.</summary>
    public static Ledger ByCause(string title) =>
        new([.. OverheadCauses.All.Select(c => (Column(c), OverheadCauses.Key(c).Replace('_', ' ')))], title, "overhead by cause",
            "overhead (% of ideal run time)", "-ledger");
}
