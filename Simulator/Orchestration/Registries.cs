using NodeSim.Config;
using NodeSim.Engine;
using NodeSim.Models;
using NodeSim.Models.Registries;
using NodeSim.Reporting.Campaigns;
using NodeSim.Reporting.Plots;

namespace NodeSim.Orchestration;

/// <summary>
/// Every extension point's registry, built at start-up and handed to whatever needs it — the
/// campaign loader, the outputs, the commands — never a static: a test or an extension registers
/// into its own instance, and no other sees it.
/// </summary>
/// <param name="Models">Node kernels, hypervisors, SoCs, profiles, interconnects, queue policies, backfilling, stacks.</param>
/// <param name="Kinds">The kinds of scenario.</param>
/// <param name="Plots">The plots a campaign's scenarios get.</param>
/// <param name="Tables">The tables a run directory holds.</param>
/// <param name="Backends">Where a campaign's runs execute.</param>
public sealed record Registries(ModelCatalogue Models, Registry<ScenarioKind> Kinds, Registry<ScenarioPlot> Plots, Registry<OutputTable> Tables,
    Registry<ICampaignBackend> Backends)
{
    /// <summary>These registries, refusing every later registration: for registries many users share.</summary>
    public Registries Freeze()
    {
        Models.Freeze();
        Kinds.Freeze();
        Plots.Freeze();
        Tables.Freeze();
        Backends.Freeze();
        return this;
    }

    /// <summary>Reads campaign files against these registries.</summary>
    public CampaignLoader Loader => new(Models, Kinds);

    /// <summary>Writes a run directory's tables, plots and summary with these registries.</summary>
    public CampaignOutputs Outputs => new(Tables, Plots, Kinds);

    /// <summary>The JSON Schema of campaign files these registries accept.</summary>
    public CampaignSchema Schema => new(Models, Kinds);
}
