using NodeSim.Models.Parameters;

namespace NodeSim.Models.Isolation;

/// <summary>The hypervisors a stack can name (<c>define_stacks: {x: {hypervisor: NAME}}</c>); <c>none</c> is bare metal.</summary>
public static class Hypervisors
{
    public static Registry<Preset<IHypervisor>> Registry { get; } = new Registry<Preset<IHypervisor>>("hypervisor", p => p.Name)
        .Add(Hafnium.Preset);
}
