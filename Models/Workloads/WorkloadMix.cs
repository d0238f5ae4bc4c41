using NodeSim.Kernel;
using NodeSim.Models.Scheduling;

namespace NodeSim.Models.Workloads;

/// <summary>
/// Assigns a profile to each job of a trace, deterministically: by an SWF field (executable or
/// queue number) when a rule names the job's value, otherwise by weights, drawing from a hash of
/// (seed, job number) so the same job gets the same profile under every stack and in every run.
/// </summary>
public sealed class WorkloadMix
{
    private readonly (JobProfile Profile, double Cumulative)[] _weights;

    /// <param name="weights">Profiles and their relative weights.</param>
    /// <param name="byExecutable">Profiles for given SWF executable numbers (field 14).</param>
    /// <param name="byQueue">Profiles for given SWF queue numbers (field 15).</param>
    public WorkloadMix(IReadOnlyList<(JobProfile Profile, double Weight)> weights, ulong seed = 1,
        IReadOnlyDictionary<long, JobProfile>? byExecutable = null, IReadOnlyDictionary<long, JobProfile>? byQueue = null)
    {
        if (weights.Count == 0 || weights.Any(w => !(w.Weight >= 0)) || weights.Sum(w => w.Weight) <= 0)
            throw new ArgumentException("a mix needs at least one profile with a positive weight, and no negative weights", nameof(weights));
        var total = weights.Sum(w => w.Weight);
        double running = 0;
        _weights = weights.Select(w => (w.Profile, running += w.Weight / total)).ToArray();
        Seed = seed;
        ByExecutable = byExecutable ?? new Dictionary<long, JobProfile>();
        ByQueue = byQueue ?? new Dictionary<long, JobProfile>();
        Weights = weights;
    }

    public ulong Seed { get; }
    public IReadOnlyList<(JobProfile Profile, double Weight)> Weights { get; }
    public IReadOnlyDictionary<long, JobProfile> ByExecutable { get; }
    public IReadOnlyDictionary<long, JobProfile> ByQueue { get; }

    /// <summary>The weights in words, e.g. <c>30% compute, 70% stream</c> (rules by executable or queue not included).</summary>
    public string Text => string.Join(", ", Weights.Select(w => $"{100 * w.Weight / Weights.Sum(x => x.Weight):0.#}% {w.Profile.Name}"));

    /// <summary>Every profile the mix can assign.</summary>
    public IEnumerable<JobProfile> Profiles => Weights.Select(w => w.Profile).Concat(ByExecutable.Values).Concat(ByQueue.Values).Distinct();

    /// <summary>
    /// The default mix for replaying HPC traces that do not say what their jobs do (documented
    /// choice, not a measurement): 30% compute, 15% stream, 10% gups, 20% stencil, 20% bsp-allreduce, 5% io.
    /// </summary>
    public static WorkloadMix Default(ulong seed = 1) => new(
    [
        (JobProfiles.Compute, 0.30), (JobProfiles.Stream, 0.15), (JobProfiles.Gups, 0.10),
        (JobProfiles.Stencil, 0.20), (JobProfiles.BspAllreduce, 0.20), (JobProfiles.Io, 0.05),
    ], seed);

    /// <summary>A mix of one profile.</summary>
    public static WorkloadMix Only(JobProfile profile) => new([(profile, 1.0)]);

    public JobProfile Assign(BatchJob job)
    {
        if (job.Executable is { } exe && ByExecutable.TryGetValue(exe, out var byExe)) return byExe;
        if (job.Queue is { } queue && ByQueue.TryGetValue(queue, out var byQueue)) return byQueue;
        var u = (RandomStream.DeriveSeed(Seed, "mix", (int)(job.Id & int.MaxValue)) >> 11) * (1.0 / (1UL << 53));
        foreach (var (profile, cumulative) in _weights)
            if (u < cumulative) return profile;
        return _weights[^1].Profile;
    }
}
