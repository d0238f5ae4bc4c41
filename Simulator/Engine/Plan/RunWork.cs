using NodeSim.Models.Isolation;
using NodeSim.Models.Network;
using NodeSim.Models.Scheduling;
using NodeSim.Models.Soc;
using NodeSim.Models.Workloads;
using NodeSim.Traces;

namespace NodeSim.Engine;

/// <summary>What one run executes, with every model built: the stack and the SoC, and the work itself.</summary>
public abstract record RunWork(IsolationStack Stack, SocPreset Soc)
{
    /// <summary>The kind of scenario this work belongs to.</summary>
    public abstract ScenarioKind Kind { get; }
}

/// <summary>One job's execution (a window of it) under a stack.</summary>
public sealed record JobWork(JobExecutionRequest Request) : RunWork(Request.Stack, Request.Soc)
{
    public override ScenarioKind Kind => ScenarioKind.Job;
}

/// <summary>A batch workload replayed on a cluster under a stack, a queue policy and a backfilling variant.</summary>
/// <param name="Seed">The run's seed: the workload generator's, the workload mix's and the job windows'.</param>
/// <param name="WindowSeconds">Simulated time of each job window that gives jobs their slowdown (see <see cref="StackSlowdown"/>).</param>
/// <param name="Interconnect">The network between nodes (null: polled).</param>
public sealed record ReplayWork(IsolationStack Stack, SocPreset Soc, WorkloadSource Source, int? Nodes, IQueuePolicy Policy, IBackfill Backfill,
    WorkloadMix Mix, EstimateSource Estimate, ulong Seed, double WindowSeconds = StackSlowdown.DefaultWindowSeconds, Interconnect? Interconnect = null) : RunWork(Stack, Soc)
{
    public override ScenarioKind Kind => ScenarioKind.Replay;
}

/// <summary>A request stream served by one node under a stack (see <see cref="Edge.EdgeServing"/>).</summary>
/// <param name="Spec">The trace as the scenario names it: an edge CSV or <c>synthetic:edge?…</c>.</param>
/// <param name="Load">Rescale arrivals to this offered load; <paramref name="RateScale"/>: this many times as fast; neither: as they are.</param>
public sealed record EdgeWork(IsolationStack Stack, SocPreset Soc, WorkloadSource Source, string Spec, int Cores, double? Load, double? RateScale,
    int? QueueLimit, ulong Seed, int CoresPerRequest = 1) : RunWork(Stack, Soc)
{
    public override ScenarioKind Kind => ScenarioKind.Edge;
}
