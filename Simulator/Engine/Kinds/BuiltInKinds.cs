using NodeSim.Models;
using NodeSim.Models.Registries;

namespace NodeSim.Engine.Kinds;

/// <summary>The kinds of scenario NodeSim ships.</summary>
public static class BuiltInKinds
{
    /// <summary>A new registry of the built-in kinds over <paramref name="models"/>. Adding a kind is a class and a line here.</summary>
    public static Registry<ScenarioKind> Create(ModelCatalogue models)
    {
        var job = new JobKind(models);
        return new Registry<ScenarioKind>("kind", k => k.Name, k => k.Check()).Add(job).Add(new ReplayKind(models)).Add(new EdgeKind(models))
            .Add(new SensitivityKind(job));
    }
}
