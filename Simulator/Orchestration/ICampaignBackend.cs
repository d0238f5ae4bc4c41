using NodeSim.Engine;

namespace NodeSim.Orchestration;

/// <summary>What a campaign tells whoever started it while it runs: notes, and runs done out of all.</summary>
public interface ICampaignObserver
{
    /// <summary>A line worth telling (a lock taken over, a job submitted); the caller decides where it goes.</summary>
    void Note(string message);

    /// <summary>Runs finished (those found done on resume included) out of all.</summary>
    void Progress(CampaignProgress progress);
}

/// <summary>
/// Where a campaign's runs execute: on this machine, or as a cluster's batch job. Either way every
/// finished run is persisted in the run directory's parts, and the outcome gathers them all, so
/// the tables written from it are the same whichever backend ran it. A backend is a registered
/// object: adding one is a class, a registry line and the command line's options for it.
/// </summary>
public interface ICampaignBackend
{
    /// <summary>How <c>--backend</c> names it.</summary>
    string Name { get; }

    string Description { get; }

    /// <summary>Whether it hears of each run as it finishes (a live progress bar fits), or only now and then (a batch system's queue).</summary>
    bool ReportsEachRun { get; }

    /// <summary>The run directory's subdirectories it writes into besides <c>parts/</c> (each entry of them must be NodeSim's), e.g. <c>slurm</c>.</summary>
    IReadOnlyList<string> Directories { get; }

    /// <summary>Refuses, before anything is written, what cannot work: a missing command, an unknown partition, a run directory its workers could not see.</summary>
    /// <exception cref="UserInputException">With what is wrong and what would do.</exception>
    void Preflight(RunOptions options, string outputDirectory);

    /// <summary>
    /// Executes the runs <paramref name="store"/> does not hold yet and gathers every run's result; null when nothing was
    /// run on purpose (a dry run). Cancelling stops it with the runs done kept (the outcome says it was interrupted). What it
    /// writes beside the parts goes through <paramref name="directory"/>, recorded as NodeSim's.
    /// </summary>
    CampaignOutcome? Run(Campaign campaign, RunDirectory directory, RunStore store, RunOptions options, ICampaignObserver observer, CancellationToken cancellation);
}
