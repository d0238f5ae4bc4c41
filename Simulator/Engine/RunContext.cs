using NodeSim.Models;
using NodeSim.Models.Isolation;
using NodeSim.Models.Soc;
using NodeSim.Models.Workloads;
using NodeSim.Traces.Sources;

namespace NodeSim.Engine;

/// <summary>
/// What runs executed together share: bounded caches of loaded workloads, job executions and SoC
/// characterisations. An executor (a campaign, a command) owns one, so nothing is shared through
/// static state, a campaign costs the same whatever ran before it in the process, and a failed
/// computation is not kept. Every computation is deterministic, so the caches change time, never results.
/// </summary>
/// <param name="executionCapacity">Job executions kept: a 100,000-job trace needs a few hundred distinct windows.</param>
/// <param name="characterizations">Characterisations to share with another context (a benchmark that simulates job executions
/// afresh but not the SoC); default: a cache of this context's own, of up to 1,024 (one per profile, page size, stage 2 and SoC).</param>
/// <param name="disk">Where job executions are kept between processes (the program's disk cache); none by default.</param>
public sealed class RunContext(int executionCapacity = 4096,
    BoundedCache<(SocPreset Soc, CharacterizationRequest Request), Characterization>? characterizations = null, IJobWindowStore? disk = null)
{
    private BoundedCache<JobExecutionRequest, JobExecutionResult>? _executions;

    public BoundedCache<(SocPreset Soc, CharacterizationRequest Request), Characterization> Characterizations { get; } =
        characterizations ?? SocCharacterizer.NewCache();

    /// <summary>Job executions, each simulated once by whichever thread asks first.</summary>
    public BoundedCache<JobExecutionRequest, JobExecutionResult> Executions =>
        _executions ??= new(executionCapacity, request => disk is null ? JobExecution.Run(request, this) : disk.GetOrRun(request, () => JobExecution.Run(request, this)));

    /// <summary>
    /// Workloads, each loaded or generated once: the runs of a point and replica replay the same one under every stack. A
    /// campaign's generated workloads differ by point and replica; 64 of them outlast the few runs that share each.
    /// </summary>
    private readonly BoundedCache<(WorkloadSource Source, int? Nodes, EstimateSource Estimate), BatchWorkload> _workloads =
        new(64, key => BatchWorkload.Load(key.Source, key.Nodes, key.Estimate));

    /// <summary>A job's execution, simulated once per context.</summary>
    public JobExecutionResult Job(JobExecutionRequest request) => Executions.Get(request);

    /// <summary>A workload on a machine of <paramref name="nodes"/> (default: the trace's), loaded once per context (a failed load is not kept).</summary>
    public BatchWorkload Workload(WorkloadSource source, int? nodes, EstimateSource estimate) => _workloads.Get((source, nodes, estimate));

    /// <summary>Compute time on the stack / on the ideal machine (see <see cref="JobExecution.TranslationFactor"/>).</summary>
    public double TranslationFactor(JobProfile profile, IsolationStack stack, SocPreset soc) =>
        JobExecution.TranslationFactor(profile, stack, soc, Characterizations);
}
