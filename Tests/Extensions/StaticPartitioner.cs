using NodeSim.Models.Costs;
using NodeSim.Models.Isolation;
using NodeSim.Models.Network;
using NodeSim.Models.NodeKernels;
using NodeSim.Models.Parameters;
using NodeSim.Models.Soc;
using NodeSim.Models.Workloads;

namespace NodeSim.Tests.Extensions;

/// <summary>
/// A hypervisor NodeSim does not ship: a static partitioner in the manner of Jailhouse, where a
/// partition owns its cores and devices outright, so the only exits are the primary's timer tick
/// (assumed here to trap) and a message costs what the guest's own kernel costs on bare metal.
/// </summary>
public sealed record StaticPartitioner(double ExitCycles = 1_500) : IHypervisor
{
    public static ParameterSet Catalogue { get; } = ParameterSet.For<StaticPartitioner>("hypervisor (static partitioner)")
        .Number("exit_cycles", "cycles", 0, 1e7, "one trap to the hypervisor and back", h => h.ExitCycles, (h, v) => h with { ExitCycles = v })
        .Build();

    public static readonly Preset<IHypervisor> Preset = new("static-partitioner", "a static partitioner", new StaticPartitioner(),
        new Dictionary<string, Source> { ["exit_cycles"] = Source.Assume("as Hafnium's interrupt routing; sweep it") });

    public string Name => "static-partitioner";
    public Stage2Mode Stage2 => Stage2Mode.Blocks2M;
    public ParameterSet Parameters => Catalogue;
    public void Validate() => Catalogue.Check(this);

    public IEnumerable<NoiseSource> NoiseSources(NodeKernel primary, NodeKernel guest, JobProfile profile, SocPreset soc)
    {
        yield return new NoiseSource.Periodic("partitioner tick", primary.TickHz, false,
            new EventCost { WorldSwitches = 2 }.Add(OverheadCause.WorldSwitches, soc.Seconds(2 * ExitCycles)));
    }

    /// <summary>The partition owns its NIC: a message costs what the guest's own kernel costs on bare metal.</summary>
    public MessagePath MessagePath(NodeKernel primary, NodeKernel guest, Interconnect interconnect, int bytes, SocPreset soc) =>
        new IsolationStack("bare", "the guest on bare metal", guest).MessagePath(interconnect, bytes, soc);
}
