using NodeSim.Engine;

namespace NodeSim.Orchestration;

/// <summary>The campaign's runs on this machine, on the options' number of worker threads.</summary>
public sealed class LocalBackend : ICampaignBackend
{
    public string Name => "local";
    public string Description => "this machine, on as many worker threads as the options say";
    public bool ReportsEachRun => true;
    public IReadOnlyList<string> Directories => [];

    public void Preflight(RunOptions options, string outputDirectory)
    {
    }

    public CampaignOutcome Run(Campaign campaign, RunDirectory directory, RunStore store, RunOptions options, ICampaignObserver observer, CancellationToken cancellation) =>
        new CampaignRunner(campaign, store, options.Workers, options.Resume).Run(cancellation, observer.Progress);
}
