using NodeSim.Engine.Edge;
using NodeSim.Models.Isolation;
using NodeSim.Models.Soc;
using NodeSim.Traces;
using NodeSim.Traces.Edge;
using NodeSim.Traces.Sources;

namespace NodeSim.Benchmarks;

/// <summary>
/// The edge benchmark: requests served per second through the full path (the stack's interrupt path,
/// the serving cores' noise, the queue) against a baseline run in the same process — the same
/// requests under the ideal stack, which is the queue alone. Events = requests.
/// </summary>
public static class EdgeBenchmark
{
    /// <summary>Short requests (100 µs of work, Poisson at 30 % of 4 cores).</summary>
    public const string ShortRequests = "synthetic:edge?requests=1000000&rate=12000&service=exponential&service_median_seconds=0.0000693";

    public static IReadOnlyList<ServedRequest> Load(string spec) =>
        EdgeWorkload.Load(WorkloadSource.Parse(spec), spec, 1, new LlmServiceModel()).ForServing(4, null, null, null).Requests;

    /// <summary>The requests under <paramref name="stacks"/>, one after the other.</summary>
    public static BenchRun Serve(IReadOnlyList<ServedRequest> requests, IReadOnlyList<IsolationStack> stacks)
    {
        double checksum = 0;
        foreach (var stack in stacks)
            checksum += EdgeServing.Run(new EdgeExperiment(stack, SocPresets.PineA64, requests, 4, Seed: 1)).MeanSeconds;
        return new BenchRun((long)requests.Count * stacks.Count, checksum);
    }
}
