using NodeSim.Models.Network;
using NodeSim.Models.NodeKernels;
using NodeSim.Models.Parameters;
using NodeSim.Models.Soc;
using NodeSim.Models.Workloads;
using NodeSim.Models.Costs;

namespace NodeSim.Models.Isolation;

/// <summary>
/// An isolation stack: a composition of registered parts — the node's resource manager (the primary
/// VM's kernel under a hypervisor, the only kernel on bare metal), the hypervisor if any, and the
/// guest kernel jobs run under inside their partition. Built-ins (<see cref="BuiltIn"/>):
/// native-linux, native-kitten, hafnium-linux, hafnium-kitten (the paper's design), ideal (zero
/// overhead), and the fair baselines: native-linux-tuned, hafnium-linux-tuned and
/// hafnium-linux-linuxguest. hafnium-linux and hafnium-kitten differ only in the primary.
/// </summary>
/// <param name="Name">How scenarios and the CLI name the stack.</param>
/// <param name="Primary">The node's kernel: on bare metal the one jobs run under; under a hypervisor the primary VM's.</param>
/// <param name="Hypervisor">The hypervisor, or null for bare metal.</param>
/// <param name="Guest">The kernel inside each job's partition (under a hypervisor only; default Kitten).</param>
public sealed record IsolationStack(string Name, string Description, NodeKernel? Primary, IHypervisor? Hypervisor = null, NodeKernel? Guest = null)
    : IParameterized
{
    public bool IsIdeal => Primary is null;

    /// <summary>The kernel whose page policy maps the job's memory.</summary>
    public NodeKernel? JobKernel => Hypervisor is null ? Primary : Guest ?? NodeKernelPresets.Kitten;

    public Stage2Mode Stage2 => Hypervisor?.Stage2 ?? Stage2Mode.Off;

    /// <summary>
    /// The models the stack is made of, each with its role (the group its parameters sit under: primary, guest, hypervisor) and its
    /// name: what a parameter named by its model (<c>linux.daemon_rate_per_second</c>) reaches.
    /// </summary>
    public IEnumerable<(string Role, string Name, IParameterized Model)> Parts
    {
        get
        {
            if (Primary is not null) yield return ("primary", Primary.Name, Primary);
            if (Hypervisor is not null && Guest is not null) yield return ("guest", Guest.Name, Guest);
            if (Hypervisor is not null) yield return ("hypervisor", Hypervisor.Name, Hypervisor);
        }
    }

    /// <summary>The stack as a plot legend names it: its primary, guest and page policy, e.g. <c>hafnium-linux (linux primary, kitten guest, 2 MB pages)</c>.</summary>
    public string Label
    {
        get
        {
            if (Primary is null) return Name;
            var huge = JobKernel!.Pages.HugePageFraction;
            var pages = huge switch { 0 => "4 KB pages", 1 => "2 MB pages", _ => $"{huge:P0} 2 MB pages" };
            var kernels = Hypervisor is null ? Primary.Name : $"{Primary.Name} primary, {JobKernel.Name} guest";
            return $"{Name} ({kernels}, {pages})";
        }
    }

    /// <summary>Cores per node that run no rank: the node's kernel keeps them for its threads and interrupts (under a hypervisor, the
    /// primary's), and the hypervisor for itself (a driver VM's core).</summary>
    public int HousekeepingCores => (Primary?.HousekeepingCores ?? 0) + (Hypervisor?.DedicatedCores ?? 0);

    /// <summary>Cores per node that run ranks on <paramref name="soc"/>.</summary>
    public int RankCores(SocPreset soc) => soc.Cores - HousekeepingCores;

    /// <summary>The stack's parameters: those of its parts, by group (<c>primary.tick_hz</c>, <c>hypervisor.world_switch_cycles</c>).</summary>
    public static ParameterSet Catalogue { get; } = ParameterSet.For<IsolationStack>("stack")
        .Group("primary", "the node's kernel; an ideal stack has none", s => s.Primary, (s, k) => s with { Primary = k })
        .Group("hypervisor", "the hypervisor; a native stack has none", s => s.Hypervisor, (s, h) => s with { Hypervisor = h })
        .Group("guest", "the kernel inside each partition; only stacks with a hypervisor have one", s => s.Guest, (s, k) => s with { Guest = k })
        .Build();

    public ParameterSet Parameters => Catalogue;

    public static readonly IsolationStack Ideal = new("ideal", "zero overhead: the trace's run time (no translation cost, no noise)", null);
    public static readonly IsolationStack NativeLinux = new("native-linux", "Linux on bare metal, jobs as processes; 4 KB pages",
        NodeKernelPresets.Linux);
    public static readonly IsolationStack NativeKitten = new("native-kitten", "Kitten on bare metal, jobs as processes; 2 MB pages",
        NodeKernelPresets.Kitten);
    public static readonly IsolationStack HafniumLinux = new("hafnium-linux", "Hafnium SPM, Linux primary VM; each job in a secondary VM with a Kitten guest; 2 MB guest pages",
        NodeKernelPresets.Linux, Hafnium.Preset.Model, NodeKernelPresets.Kitten);
    public static readonly IsolationStack HafniumKitten = new("hafnium-kitten", "Hafnium SPM, Kitten primary VM (the paper's design); each job in a secondary VM with a Kitten guest; 2 MB guest pages",
        NodeKernelPresets.Kitten, Hafnium.Preset.Model, NodeKernelPresets.Kitten);

    /// <summary>The fair baseline a reviewer asks for first: Linux tuned for HPC on bare metal.</summary>
    public static readonly IsolationStack NativeLinuxTuned = new("native-linux-tuned",
        "Linux tuned on bare metal (nohz_full, threads and interrupts on 1 housekeeping core per node), jobs as processes; THP (95 % 2 MB pages)",
        NodeKernelPresets.LinuxTuned);
    public static readonly IsolationStack HafniumLinuxTuned = new("hafnium-linux-tuned",
        "Hafnium SPM, Linux primary VM tuned (nohz_full, threads and interrupts on 1 housekeeping core per node); Kitten guest; 2 MB guest pages",
        NodeKernelPresets.LinuxTuned, Hafnium.Preset.Model, NodeKernelPresets.Kitten);
    /// <summary>Linux inside and out: with native-linux, separates page-size effects from the primary kernel's.</summary>
    public static readonly IsolationStack HafniumLinuxLinuxGuest = new("hafnium-linux-linuxguest",
        "Hafnium SPM, Linux primary VM; each job in a secondary VM with a Linux guest; 4 KB guest pages",
        NodeKernelPresets.Linux, Hafnium.Preset.Model, NodeKernelPresets.Linux);

    /// <summary>The stacks NodeSim ships, in order (registered by <see cref="Registries.ModelCatalogue.BuiltIn"/>).</summary>
    public static IReadOnlyList<IsolationStack> BuiltIn { get; } =
        [Ideal, NativeLinux, NativeKitten, HafniumLinux, HafniumKitten, NativeLinuxTuned, HafniumLinuxTuned, HafniumLinuxLinuxGuest];

    public void Validate()
    {
        Primary?.Validate();
        Guest?.Validate();
        Hypervisor?.Validate();
        if (Primary is null && (Hypervisor is not null || Guest is not null))
            throw new ParameterException($"stack '{Name}': a hypervisor or guest needs a primary kernel");
        if (Hypervisor is null && Guest is not null)
            throw new ParameterException($"stack '{Name}': a guest kernel needs a hypervisor to run under");
    }

    /// <summary>
    /// What interrupts a rank of <paramref name="profile"/> on this stack, on <paramref name="soc"/>, with optional injected
    /// noise: the injected noise, then the kernel's own noise on bare metal or the hypervisor's sources; inactive ones dropped.
    /// </summary>
    public IReadOnlyList<NoiseSource> NoiseSources(JobProfile profile, SocPreset soc, InjectedNoise? injected = null, Interconnect? interconnect = null)
    {
        var sources = new List<NoiseSource>();
        if (injected is { FrequencyHz: > 0, DurationSeconds: > 0 })
            sources.Add(new NoiseSource.Periodic("injected", injected.FrequencyHz, injected.Synchronized,
                new EventCost().Add(OverheadCause.InjectedNoise, injected.DurationSeconds)));
        if (Primary is not { } primary) return sources;
        var parts = Hypervisor is { } hypervisor ? hypervisor.NoiseSources(primary, JobKernel!, profile, soc) : primary.DirectNoise(profile, soc);
        if (interconnect is { Interrupts: true })
        {
            // The profile's device interrupts are messages arriving over the network: each takes the message path.
            var path = MessagePath(interconnect, profile.MessageBytes, soc);
            parts = [.. parts.Where(s => s.Name != NoiseSource.DeviceInterrupts), .. MessageNoise(profile, soc, path)];
        }
        sources.AddRange(parts.Where(IsActive));
        return sources;
    }

    /// <summary>
    /// Unsolicited messages (the profile's device interrupts) on an interrupt-driven interconnect: each costs the receiving
    /// core its target part of the path, and the node's interrupt core the part done there for every message of the node
    /// (on the node's first core, a rank's; on a housekeeping core, none of the ranks'). The same rule under every stack.
    /// </summary>
    private IEnumerable<NoiseSource> MessageNoise(JobProfile profile, SocPreset soc, MessagePath path)
    {
        var rate = profile.DeviceInterruptsPerSecond;
        yield return new NoiseSource.Poisson("messages", rate, path.TargetCore);
        if (HousekeepingCores == 0)
            yield return new NoiseSource.Poisson("messages on the interrupt core", rate * RankCores(soc), path.InterruptCore) { FirstCoreOfNode = true };
    }

    /// <summary>
    /// What one message of <paramref name="bytes"/> between nodes costs this stack beyond the wire on
    /// <paramref name="interconnect"/>: nothing when polled; on bare metal the sender's network stack, and the
    /// receiver's interrupt handler and stack; under a hypervisor its relay (<see cref="IHypervisor.MessagePath"/>).
    /// </summary>
    public MessagePath MessagePath(Interconnect interconnect, int bytes, SocPreset soc)
    {
        if (Primary is not { } primary || !interconnect.Interrupts) return Network.MessagePath.Free;
        if (Hypervisor is { } hypervisor) return hypervisor.MessagePath(primary, JobKernel!, interconnect, bytes, soc);
        var send = new EventCost().Add(OverheadCause.NetworkStack, soc.Seconds(primary.NetTxCycles));
        // The handler and the softirq's stack run where the interrupt lands; the copy to the receiver is inside NetRx.
        var receive = new EventCost()
            .Add(OverheadCause.InterruptRouting, soc.Seconds(primary.IrqHandlerCycles) / interconnect.MessagesPerInterrupt)
            .Add(OverheadCause.NetworkStack, soc.Seconds(primary.NetRxCycles));
        return new MessagePath(send, new EventCost(), receive, new EventCost());
    }

    private static bool IsActive(NoiseSource source) => source switch
    {
        NoiseSource.Periodic p => p.RateHz > 0 && p.Cost.Total > 0,
        NoiseSource.Poisson q => q.RatePerSecond > 0 && q.MeanSeconds > 0,
        NoiseSource.Measured m => m.Noise.RatePerSecond > 0,
        _ => throw new ArgumentException($"unknown kind of noise source: {source.GetType().Name}", nameof(source)),
    };

    /// <summary>The stage-1 pages and stage 2 the job's memory is translated with: (fraction, page size) pairs.</summary>
    public IReadOnlyList<(double Fraction, long Stage1PageBytes)> PageMix()
    {
        var huge = JobKernel?.Pages.HugePageFraction ?? 1;
        var mix = new List<(double, long)>();
        if (huge < 1) mix.Add((1 - huge, 4096));
        if (huge > 0) mix.Add((huge, 2L << 20));
        return mix;
    }
}
