using NodeSim.Engine.Kinds;
using NodeSim.Models;
using NodeSim.Models.Registries;
using NodeSim.Orchestration;
using NodeSim.Orchestration.Slurm;
using NodeSim.Reporting.Campaigns;
using NodeSim.Reporting.Plots;

namespace NodeSim.Hosting;

/// <summary>
/// What NodeSim ships, registered at start-up: every model, kind of scenario, plot, table and
/// backend. Each call builds new registries, so what one caller adds no other sees.
/// </summary>
public static class BuiltIns
{
    public static Registries Registries()
    {
        var models = ModelCatalogue.BuiltIn();
        return new Registries(models, BuiltInKinds.Create(models), BuiltInPlots.Create(), OutputTables.Create(),
            new Registry<ICampaignBackend>("backend", b => b.Name).Add(new LocalBackend()).Add(new SlurmBackend()));
    }
}
