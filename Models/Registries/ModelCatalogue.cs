using NodeSim.Models.Isolation;
using NodeSim.Models.Network;
using NodeSim.Models.NodeKernels;
using NodeSim.Models.Parameters;
using NodeSim.Models.Scheduling;
using NodeSim.Models.Soc;
using NodeSim.Models.Workloads;

namespace NodeSim.Models.Registries;

/// <summary>
/// Every model a campaign or a command can name, a registry per extension point: node kernels,
/// hypervisors, SoCs, job profiles, interconnects, queue policies, backfilling variants and stacks.
/// An instance, not shared state: <see cref="BuiltIn"/> makes a new one each time, so a test or an
/// extension registers into its own copy and no other sees it. Its presets' parameters make the
/// parameter catalogue (<see cref="Entries"/>) that <c>nodesim params</c> lists and the JSON Schema names.
/// </summary>
public sealed class ModelCatalogue
{
    public Registry<Preset<NodeKernel>> NodeKernels { get; } = new("node kernel", p => p.Name);
    public Registry<Preset<IHypervisor>> Hypervisors { get; } = new("hypervisor", p => p.Name);
    public Registry<Preset<SocPreset>> Socs { get; } = new("SoC", p => p.Name);
    public Registry<Preset<JobProfile>> Profiles { get; } = new("profile", p => p.Name);
    public Registry<Preset<Interconnect>> Interconnects { get; } = new("interconnect", p => p.Name);
    public Registry<IQueuePolicy> QueuePolicies { get; } = new("queue policy", p => p.Name);
    public Registry<IBackfill> Backfills { get; } = new("backfilling", b => b.Name);

    /// <summary>The stacks every campaign can name; a campaign's <c>define_stacks</c> adds its own.</summary>
    public Registry<IsolationStack> Stacks { get; } = new("stack", s => s.Name);

    /// <summary>The models NodeSim ships, in a new catalogue. Adding one is a line here.</summary>
    public static ModelCatalogue BuiltIn()
    {
        var c = new ModelCatalogue();
        c.NodeKernels.Add(NodeKernelPresets.LinuxPreset).Add(NodeKernelPresets.KittenPreset).Add(NodeKernelPresets.LinuxTunedPreset);
        c.Hypervisors.Add(Hafnium.Preset);
        c.Socs.Add(SocPresets.PineA64Preset).Add(SocPresets.Rpi4Preset);
        c.Profiles.Add(JobProfiles.ComputePreset).Add(JobProfiles.StreamPreset).Add(JobProfiles.GupsPreset).Add(JobProfiles.StencilPreset)
            .Add(JobProfiles.BspAllreducePreset).Add(JobProfiles.IoPreset);
        c.Interconnects.Add(Network.Interconnects.HpcPreset).Add(Network.Interconnects.PolledPreset).Add(Network.Interconnects.IbQdrPreset)
            .Add(Network.Interconnects.GigeTcpPreset);
        c.QueuePolicies.Add(new QueuePolicies.Fcfs()).Add(new QueuePolicies.Sjf()).Add(new QueuePolicies.F1()).Add(new QueuePolicies.Wfp3())
            .Add(new QueuePolicies.Unicep());
        c.Backfills.Add(new NoBackfill()).Add(new GreedyBackfill()).Add(new EasyBackfill());
        foreach (var stack in IsolationStack.BuiltIn) c.Stacks.Add(stack);
        return c;
    }

    /// <summary>Where each kind of model sits in a campaign's parameter paths.</summary>
    public static readonly IReadOnlyDictionary<string, IReadOnlyList<string>> Roots = new Dictionary<string, IReadOnlyList<string>>
    {
        ["node kernel"] = ["stack.primary", "stack.guest"],
        ["hypervisor"] = ["stack.hypervisor"],
        ["SoC"] = ["soc"],
        ["profile"] = ["profile"],
        ["interconnect"] = ["interconnect"],
    };

    /// <summary>Refuses every later registration into any of its registries: for a catalogue many users share.</summary>
    public ModelCatalogue Freeze()
    {
        NodeKernels.Freeze();
        Hypervisors.Freeze();
        Socs.Freeze();
        Profiles.Freeze();
        Interconnects.Freeze();
        QueuePolicies.Freeze();
        Backfills.Freeze();
        Stacks.Freeze();
        return this;
    }

    /// <summary>Every parameter of every registered node kernel, hypervisor, SoC, job profile and interconnect, with its paths, unit, range and source.</summary>
    public IEnumerable<CatalogueEntry> Entries() =>
        Of("node kernel", NodeKernels.All)
            .Concat(Of("hypervisor", Hypervisors.All))
            .Concat(Of("SoC", Socs.All))
            .Concat(Of("profile", Profiles.All))
            .Concat(Of("interconnect", Interconnects.All));

    /// <summary>Every path a campaign may set under <paramref name="root"/> (stack, soc, profile or interconnect), without the root.</summary>
    public IReadOnlyList<string> PathsUnder(string root) =>
        [.. Entries().SelectMany(e => e.Paths).Where(p => p.StartsWith(root + ".", StringComparison.Ordinal)).Select(p => p[(root.Length + 1)..]).Distinct()];

    private static IEnumerable<CatalogueEntry> Of<T>(string model, IEnumerable<Preset<T>> presets) where T : class, IParameterized =>
        CatalogueEntry.Of(model, Roots[model], presets);
}
