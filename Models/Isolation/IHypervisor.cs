using NodeSim.Models.NodeKernels;
using NodeSim.Models.Network;
using NodeSim.Models.Parameters;
using NodeSim.Models.Soc;
using NodeSim.Models.Workloads;
using NodeSim.Models.Costs;

namespace NodeSim.Models.Isolation;

/// <summary>
/// A hypervisor (a secure partition manager) that runs each job in a partition: what it costs a
/// rank, as noise sources, and how it maps partition memory at stage 2. Its parameters are its
/// <see cref="IParameterized.Parameters"/> (reached as <c>stack.hypervisor.*</c>). To add one:
/// implement this in a file of its own and register a preset in <see cref="Registries.ModelCatalogue.BuiltIn"/>.
/// </summary>
public interface IHypervisor : IParameterized
{
    /// <summary>How stacks and files name it.</summary>
    string Name { get; }

    /// <summary>How partition memory is mapped at stage 2 (never off: a hypervisor translates).</summary>
    Stage2Mode Stage2 { get; }

    /// <summary>
    /// What interrupts a rank of <paramref name="profile"/> running in a partition under
    /// <paramref name="guest"/>, with <paramref name="primary"/> as the node's resource manager, on
    /// <paramref name="soc"/>. Sources may be inactive (rate or cost zero); the stack drops those.
    /// The order is part of the model: each source draws from the job's random stream in turn.
    /// </summary>
    IEnumerable<NoiseSource> NoiseSources(NodeKernel primary, NodeKernel guest, JobProfile profile, SocPreset soc);

    /// <summary>
    /// What one message of <paramref name="bytes"/> between nodes costs on an interrupt-driven
    /// <paramref name="interconnect"/>, by whoever owns the NIC: e.g. with the primary owning it, the sender's
    /// hand-over to the primary and its network stack, and on the receiving side the primary's handler, stack
    /// and relay into the secondary, the signal to the vCPU's core, the injection and the guest's handler.
    /// </summary>
    MessagePath MessagePath(NodeKernel primary, NodeKernel guest, Interconnect interconnect, int bytes, SocPreset soc);

    /// <summary>Cores per node the hypervisor keeps from ranks for itself (a driver VM's core); none by default.</summary>
    int DedicatedCores => 0;

    /// <summary>Throws <see cref="ParameterException"/> when the parameters do not make a valid hypervisor.</summary>
    void Validate();
}
