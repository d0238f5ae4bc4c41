using NodeSim.Models.Parameters;
using NodeSim.Models.Registries;

namespace NodeSim.Engine.Kinds;

/// <summary>The scenario parameters that say which node a kind runs on — its SoC and the network between nodes — declared alike by every kind that takes them.</summary>
public static class NodeParameters
{
    /// <summary><c>preset</c>: the nodes' SoC, one of those registered.</summary>
    public static ParameterSetBuilder<T> Preset<T>(this ParameterSetBuilder<T> builder, ModelCatalogue models, Func<T, string> get, Func<T, string, T> set)
        where T : class =>
        builder.Name("preset", "SoC", "the nodes' SoC", () => models.Socs.Names, get, set);

    /// <summary><c>interconnect</c>: the network between nodes, one of those registered.</summary>
    public static ParameterSetBuilder<T> Interconnect<T>(this ParameterSetBuilder<T> builder, ModelCatalogue models, Func<T, string> get, Func<T, string, T> set)
        where T : class =>
        builder.Name("interconnect", "interconnect", "the network between nodes", () => models.Interconnects.Names, get, set);

    /// <summary><c>housekeeping</c>: how a job pays for the cores a stack keeps for housekeeping (see <see cref="HousekeepingAccounting"/>).</summary>
    public static ParameterSetBuilder<T> Housekeeping<T>(this ParameterSetBuilder<T> builder, Func<T, HousekeepingAccounting> get, Func<T, HousekeepingAccounting, T> set)
        where T : class =>
        builder.Choice("housekeeping", "how a job pays for a stack's housekeeping cores: more_nodes (one rank per application core, on more nodes) " +
                                       "or spread (its own nodes, its work on their application cores, running longer)",
            [.. HousekeepingChoices], get, set);

    /// <summary>The accountings of housekeeping cores by the names scenarios and options give them.</summary>
    public static readonly IReadOnlyList<(string Name, HousekeepingAccounting Value)> HousekeepingChoices =
        [("more_nodes", HousekeepingAccounting.MoreNodes), ("spread", HousekeepingAccounting.Spread)];

    /// <summary>An accounting's name, as <c>housekeeping:</c> takes it.</summary>
    public static string Name(this HousekeepingAccounting accounting) => HousekeepingChoices.First(c => c.Value == accounting).Name;

    /// <summary>The accounting of housekeeping cores by default, and why.</summary>
    public const HousekeepingAccounting DefaultHousekeeping = HousekeepingAccounting.MoreNodes;
    public static readonly Source HousekeepingSource = Source.Setting(
        "what core specialization does on a cluster: Slurm's CoreSpecCount reserves cores that jobs cannot use, so a job's tasks are placed on more nodes");

    /// <summary>The SoC by default, and why.</summary>
    public const string DefaultPreset = "pine-a64";
    public static readonly Source PresetSource = Source.Setting("the Pine A64, the likely board of the ROSS 2021 paper (design guide §3.1)");

    /// <summary>The network by default, and why.</summary>
    public const string DefaultInterconnect = "hpc";
    public static readonly Source InterconnectSource = Source.Setting("an HPC fabric MPI polls, with LogGOPSim's documented LogGP parameters (o = 1.5 µs of CPU per send and receive): the network an HPC node's noise is usually judged on; polled keeps NodeSim's earlier o = 0 model");
}
