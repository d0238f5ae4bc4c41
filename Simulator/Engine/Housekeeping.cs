using NodeSim.Models.Isolation;
using NodeSim.Models.Soc;

namespace NodeSim.Engine;

/// <summary>How a job pays for the cores its stack keeps for housekeeping (a tuned kernel's interrupt and daemon core).</summary>
public enum HousekeepingAccounting
{
    /// <summary>
    /// One rank per application core: a job of R ranks needs R / (cores − k) nodes, more than R / cores, and the scheduler
    /// sees the larger job; each rank runs as fast as on its own core. What core specialization does on a cluster (Slurm's
    /// CoreSpecCount: the specialized cores are not available to jobs, so tasks are placed on more nodes).
    /// </summary>
    MoreNodes,

    /// <summary>The job keeps its nodes and spreads its work over their application cores: it runs cores / (cores − k) times longer.</summary>
    Spread,
}

/// <summary>
/// Where a job of some ranks goes under a stack, by one accounting used by job windows and replays alike: the nodes it occupies,
/// how much longer it runs for it, and the node-seconds it consumes against the ideal machine's. Whichever the accounting,
/// the node-seconds are the same but for whole nodes' rounding; the trade is between waiting for more nodes and running longer.
/// </summary>
/// <param name="Nodes">Nodes the job occupies.</param>
/// <param name="IdealNodes">Nodes it occupies on the ideal machine: one rank per core.</param>
/// <param name="Stretch">What its run time is multiplied by for spreading its ranks over fewer cores (1 for none).</param>
public sealed record Placement(int Nodes, int IdealNodes, double Stretch)
{
    /// <summary>
    /// <paramref name="ranks"/> ranks under <paramref name="stack"/> on <paramref name="soc"/> nodes; at most <paramref name="maxNodes"/>
    /// nodes (a cluster's), beyond which a job that wants more nodes spreads over those it gets.
    /// </summary>
    public static Placement Of(HousekeepingAccounting accounting, int ranks, IsolationStack stack, SocPreset soc, int maxNodes = int.MaxValue)
    {
        var cores = soc.Cores;
        var rankCores = stack.RankCores(soc);
        if (rankCores < 1)
            throw new UserInputException($"stack '{stack.Name}' keeps {stack.HousekeepingCores} housekeeping cores per node, but {soc.Name} nodes have {cores}: no core is left for ranks");
        var ideal = (int)Math.Min(maxNodes, Math.Ceiling(ranks / (double)cores));
        if (rankCores == cores) return new Placement(ideal, ideal, 1);
        // Spread: the busiest node's ranks' work on its application cores (a job of fewer ranks than those cores is not stretched).
        if (accounting == HousekeepingAccounting.Spread) return new Placement(ideal, ideal, Math.Max(1, Math.Ceiling(ranks / (double)ideal) / rankCores));
        var wanted = Math.Ceiling(ranks / (double)rankCores);
        var nodes = (int)Math.Min(maxNodes, wanted);
        return new Placement(nodes, ideal, wanted / nodes);
    }

    /// <summary>Node-seconds consumed over the ideal machine's, for a job that runs <paramref name="factor"/> times its ideal time (stretch included).</summary>
    public double NodeSecondsRatio(double factor) => Nodes * factor / IdealNodes;
}
