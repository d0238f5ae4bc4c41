using NodeSim.Kernel;
using NodeSim.Models.Scheduling;
using NodeSim.Traces;
using NodeSim.Traces.Edge;
using NodeSim.Traces.Swf;
using NodeSim.Traces.Synthetic;
using NodeSim.Traces.Sources;

namespace NodeSim.Engine;

/// <summary>What the scheduler uses as a job's run-time estimate.</summary>
public enum EstimateSource
{
    /// <summary>The requested time (SWF field 9), or the run time when the request is unknown.</summary>
    Requested,
    /// <summary>Always the actual run time (perfect estimates).</summary>
    RunTime,
}

/// <summary>The machine a workload runs on: whole nodes of equal size.</summary>
/// <param name="Nodes">Nodes in the cluster.</param>
/// <param name="ProcessorsPerNode">Processors per node (MaxProcs / MaxNodes of an SWF header).</param>
public sealed record Machine(int Nodes, double ProcessorsPerNode)
{
    public double Processors => Nodes * ProcessorsPerNode;

    /// <summary>Whole nodes a job of <paramref name="processors"/> occupies.</summary>
    public int NodesFor(long processors) => (int)Math.Ceiling(processors / ProcessorsPerNode - 1e-9);
}

/// <summary>
/// Jobs ready to replay on a machine, sorted by submit time (stably), with a count of the trace's
/// jobs that could not be replayed and why.
/// </summary>
public sealed record BatchWorkload(string Name, Machine Machine, IReadOnlyList<BatchJob> Jobs, IReadOnlyDictionary<string, long> Skipped, SwfHeader? Header)
{
    /// <summary>
    /// The same workload stretched in time: submit times, run times and estimates × <paramref name="factor"/>
    /// (the load and the schedule's shape stay; only simulated time grows).
    /// </summary>
    public BatchWorkload Dilated(double factor) => this with
    {
        Name = $"{Name} ×{factor:G}",
        Jobs = Jobs.Select(j => new BatchJob(j.Index, j.Id, (long)Math.Round(j.SubmitNs * factor), (long)Math.Round(j.RunNs * factor),
            (long)Math.Round(j.EstimateNs * factor), j.Processors, j.Nodes) { Executable = j.Executable, Queue = j.Queue, User = j.User }).ToList(),
    };

    /// <summary>Loads a trace file or runs a generator.</summary>
    /// <param name="nodes">Cluster size; default: the trace header's MaxNodes (or the generator's nodes).</param>
    public static BatchWorkload Load(WorkloadSource source, int? nodes = null, EstimateSource estimate = EstimateSource.Requested, bool lenient = false)
    {
        switch (source)
        {
            case WorkloadSource.File file when !WorkloadSource.LooksLikeSwf(file.Path):
                return FromEdge(file.Path, CsvTraceReader.Read(file.Path), nodes
                    ?? throw new UserInputException($"{file.Path}: an edge trace does not say how big the machine is; give the number of nodes with --nodes"));
            case WorkloadSource.File file:
                using (var reader = SwfReader.Open(file.Path, lenient))
                {
                    // The header is complete once the first job is reached (labels come first).
                    var jobs = reader.Jobs().ToList();
                    if (jobs.Count == 0)
                        throw new UserInputException(reader.LinesRead == 0
                            ? $"{file.Path}: no jobs (the file is empty)"
                            : $"{file.Path}: no jobs (the file has {reader.LinesRead} header or comment lines and no job lines)");
                    var machine = MachineFrom(reader.Header, nodes, file.Path);
                    return FromSwf(Path.GetFileName(file.Path), jobs, machine, estimate, reader.Header);
                }
            case WorkloadSource.Hpc hpc:
                var p = hpc.Parameters;
                return FromSwf($"synthetic-hpc-{p.Jobs}j-{p.Nodes}n-s{p.Seed}", HpcWorkloadModel.Generate(p),
                    new Machine(nodes ?? p.Nodes, 1), estimate, null);
            default:
                throw new UserInputException("this command replays batch jobs (an SWF trace or synthetic:hpc); an edge trace has no jobs to schedule");
        }
    }

    /// <summary>
    /// The machine an SWF header describes, unless <paramref name="nodes"/> overrides its size. SWF 2.2:
    /// with MaxNodes and MaxProcs, MaxNodes nodes of MaxProcs / MaxNodes processors; with MaxProcs only
    /// (grid and many archive logs), MaxProcs processors, one per node; with MaxNodes only, one processor per node.
    /// </summary>
    public static Machine MachineFrom(SwfHeader header, int? nodes, string path)
    {
        foreach (var label in new[] { "MaxNodes", "MaxProcs" })
            if (header.NotAWholeNumber(label, path) is { } problem) throw new UserInputException($"{problem}; expected the machine's {(label == "MaxNodes" ? "nodes" : "processors")}");
        var maxNodes = header.MaxNodes;
        var maxProcs = header.MaxProcs;
        var ppn = maxNodes is > 0 && maxProcs is > 0 ? (double)maxProcs.Value / maxNodes.Value : 1;
        var size = nodes ?? maxNodes ?? maxProcs
            ?? throw new UserInputException($"{path}: the header gives neither MaxNodes nor MaxProcs, so the machine size is unknown; give the cluster's size in nodes (nodes in a campaign, --nodes on the command line)");
        if (size is < 1 or > int.MaxValue) throw new UserInputException($"{path}: the machine must have 1 to {int.MaxValue:N0} nodes (the header says {size:N0})");
        return new Machine((int)size, Math.Max(ppn, 1e-9));
    }

    /// <summary>
    /// Edge requests as batch jobs, so that request traces can be replayed on a cluster: each request
    /// is a one-node job (a pod asks for ceil(cpu_milli / 1000) processors) running its service time,
    /// or, for LLM requests, the <see cref="LlmServiceModel"/>'s time for its tokens. Requests with no
    /// service time (pods never scheduled) are skipped and counted. Estimates are exact (edge traces have none).
    /// </summary>
    public static BatchWorkload FromEdge(string path, EdgeTrace trace, int nodes, LlmServiceModel? llm = null)
    {
        llm ??= new LlmServiceModel();
        var jobs = trace.Requests.Select((r, i) =>
        {
            var service = r.ServiceSeconds
                ?? (r.ContextTokens is { } c && r.GeneratedTokens is { } g ? llm.ServiceSeconds(c, g) : (double?)null);
            long? processors = r.CpuMilli is { } cpu ? Math.Max(1, (long)Math.Ceiling(cpu / 1000)) : 1;
            return new SwfJob(i + 1, r.ArrivalSeconds, null, service, processors, null, null, null, null, null, 1, null, null, null, null, null, null, null);
        });
        return FromSwf(Path.GetFileName(path), jobs, new Machine(nodes, 1), EstimateSource.RunTime, null);
    }

    /// <summary>Converts SWF jobs: processors = max(allocated, requested); jobs with unknown run time or size, or larger than the machine, are skipped and counted.</summary>
    public static BatchWorkload FromSwf(string name, IEnumerable<SwfJob> swf, Machine machine, EstimateSource estimate, SwfHeader? header)
    {
        var skipped = new Dictionary<string, long>();
        var jobs = new List<BatchJob>();
        foreach (var j in swf)
        {
            string? reason = j.RunTime is null ? "unknown run time"
                : j.Processors is null or 0 ? "unknown or zero processors"
                : machine.NodesFor(j.Processors.Value) > machine.Nodes ? "larger than the machine"
                : null;
            if (reason is not null)
            {
                skipped[reason] = skipped.GetValueOrDefault(reason) + 1;
                continue;
            }
            var run = SimTime.FromSeconds(j.RunTime!.Value).Nanoseconds;
            var est = estimate == EstimateSource.Requested && j.RequestedTime is { } r ? SimTime.FromSeconds(r).Nanoseconds : run;
            jobs.Add(new BatchJob(jobs.Count, j.JobNumber, SimTime.FromSeconds(j.SubmitTime).Nanoseconds, run, est,
                (int)Math.Min(j.Processors!.Value, int.MaxValue), machine.NodesFor(j.Processors.Value))
            {
                Executable = j.Executable,
                Queue = j.Queue,
                User = j.UserId,
            });
        }
        if (jobs.Count == 0 && skipped.Count > 0)
            throw new UserInputException($"{name}: none of its {skipped.Values.Sum():N0} jobs can be replayed ({string.Join("; ", skipped.Select(s => $"{s.Value:N0} {s.Key}"))}); " +
                                         "check the trace, or the machine size (--nodes)");
        // Stable sort by submit time; then renumber so Index is the replay order.
        var ordered = jobs.OrderBy(x => x.SubmitNs).ThenBy(x => x.Index).Select((x, i) => x.WithIndex(i)).ToList();
        return new BatchWorkload(name, machine, ordered, skipped, header);
    }
}
