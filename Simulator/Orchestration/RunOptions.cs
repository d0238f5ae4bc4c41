namespace NodeSim.Orchestration;

/// <summary>How to run a campaign, whatever the backend: plain values, as the command line or a test gives them.</summary>
/// <param name="Workers">Runs at once on this machine (a Slurm array task's, for the Slurm backend).</param>
/// <param name="Resume">Keep the runs complete in the run directory already; run only the rest.</param>
/// <param name="KeepParts">Keep each run's part after a campaign without failures.</param>
/// <param name="Force">Use a run directory of another campaign, or with unfinished runs: replace NodeSim's files there.</param>
/// <param name="BreakLock">Take the run directory's lock even from a process on another host.</param>
/// <param name="Parquet">Write the tables as Parquet too.</param>
/// <param name="Reseed">The N the campaign was loaded with by <c>--reseed N</c> (its tasks load it alike), or null.</param>
/// <param name="Slurm">The Slurm backend's settings.</param>
public sealed record RunOptions(int Workers, bool Resume = false, bool KeepParts = false, bool Force = false, bool BreakLock = false, bool Parquet = false,
    ulong? Reseed = null, SlurmOptions? Slurm = null);

/// <summary>How the Slurm backend submits a campaign.</summary>
/// <param name="Partition">The partition (null: Slurm's default).</param>
/// <param name="ArrayChunk">Runs per array task; the costliest are spread across tasks.</param>
/// <param name="Time">Each task's time limit as sbatch takes it, e.g. 30:00 (null: the partition's).</param>
/// <param name="SbatchArgs">Site options, one #SBATCH line each, e.g. --account=hpc.</param>
/// <param name="DryRun">Write the run list and the script, submit nothing.</param>
public sealed record SlurmOptions(string? Partition = null, int ArrayChunk = 8, string? Time = null, IReadOnlyList<string>? SbatchArgs = null, bool DryRun = false);
