using NodeSim.Models.NodeKernels;
using NodeSim.Models.Soc;
using NodeSim.Models.Workloads;

namespace NodeSim.Models.Isolation;

/// <summary>
/// An isolation stack: the node's resource manager (the primary VM's kernel under Hafnium, the only
/// kernel on bare metal), the hypervisor if any, and the guest kernel jobs run under inside their
/// partition. Built-ins: native-linux, native-kitten, hafnium-linux, hafnium-kitten (the paper's
/// design), and ideal (zero overhead). The two Hafnium stacks differ only in the primary.
/// </summary>
/// <param name="Name">How scenarios and the CLI name the stack.</param>
/// <param name="Primary">The node's kernel: on bare metal the one jobs run under; under Hafnium the primary VM's.</param>
/// <param name="Hypervisor">Hafnium, or null for bare metal.</param>
/// <param name="Guest">The kernel inside each job's partition (Hafnium only; default Kitten).</param>
public sealed record IsolationStack(string Name, string Description, NodeKernel? Primary, Hafnium? Hypervisor = null, NodeKernel? Guest = null)
{
    public bool IsIdeal => Primary is null;

    /// <summary>The kernel whose page policy maps the job's memory.</summary>
    public NodeKernel? JobKernel => Hypervisor is null ? Primary : Guest ?? NodeKernelPresets.Kitten;

    public Stage2Mode Stage2 => Hypervisor?.Stage2 ?? Stage2Mode.Off;

    public static readonly IsolationStack Ideal = new("ideal", "zero overhead: the trace's run time (no translation cost, no noise)", null);
    public static readonly IsolationStack NativeLinux = new("native-linux", "Linux on bare metal; jobs are processes", NodeKernelPresets.Linux);
    public static readonly IsolationStack NativeKitten = new("native-kitten", "Kitten on bare metal; jobs are processes", NodeKernelPresets.Kitten);
    public static readonly IsolationStack HafniumLinux = new("hafnium-linux", "Hafnium SPM with Linux as the primary VM; each job in a secondary VM running Kitten",
        NodeKernelPresets.Linux, new Hafnium(), NodeKernelPresets.Kitten);
    public static readonly IsolationStack HafniumKitten = new("hafnium-kitten", "Hafnium SPM with Kitten as the primary VM (the paper's design); each job in a secondary VM running Kitten",
        NodeKernelPresets.Kitten, new Hafnium(), NodeKernelPresets.Kitten);

    public static IReadOnlyList<IsolationStack> BuiltIn { get; } = [Ideal, NativeLinux, NativeKitten, HafniumLinux, HafniumKitten];

    public static IsolationStack? Find(string name) => BuiltIn.FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase));

    public void Validate()
    {
        Primary?.Validate();
        Guest?.Validate();
        Hypervisor?.Validate();
        if (Primary is null && (Hypervisor is not null || Guest is not null))
            throw new ArgumentException($"stack '{Name}': a hypervisor or guest needs a primary kernel");
        if (Hypervisor is null && Guest is not null)
            throw new ArgumentException($"stack '{Name}': a guest kernel needs a hypervisor to run under");
    }

    /// <summary>
    /// What interrupts a rank of <paramref name="profile"/> on this stack, on <paramref name="soc"/>, with optional injected noise.
    /// </summary>
    public IReadOnlyList<NoiseSource> NoiseSources(JobProfile profile, SocPreset soc, InjectedNoise? injected = null)
    {
        var sources = new List<NoiseSource>();
        double S(double cycles) => cycles / soc.FrequencyHz;
        if (injected is { FrequencyHz: > 0, DurationSeconds: > 0 })
            sources.Add(new NoiseSource.Periodic("injected", injected.FrequencyHz, injected.Synchronized,
                new EventCost().Add(OverheadCause.InjectedNoise, injected.DurationSeconds)));
        if (Primary is not { } primary) return sources;

        if (Hypervisor is not { } hafnium)
        {
            // Bare metal: the kernel's own tick, daemons and interrupt handling interrupt the job directly.
            Add(sources, new NoiseSource.Periodic("tick", primary.TickHz, false,
                new EventCost().Add(OverheadCause.TickNoise, S(primary.TickHandlerCycles)).Add(OverheadCause.Pollution, S(primary.PollutionCycles))));
            Add(sources, new NoiseSource.Poisson("daemons", primary.DaemonRatePerSecond,
                new EventCost().Add(OverheadCause.Pollution, S(primary.PollutionCycles)), OverheadCause.DaemonNoise, primary.DaemonMedianSeconds, primary.DaemonLogSigma));
            Add(sources, new NoiseSource.Poisson("device interrupts", profile.DeviceInterruptsPerSecond,
                new EventCost().Add(OverheadCause.InterruptRouting, S(primary.IrqHandlerCycles))));
            return sources;
        }

        var guest = JobKernel!;
        var exitAndReenter = 2 * S(hafnium.WorldSwitchCycles);
        var injection = hafnium.InjectionEl2Entries * S(hafnium.HypercallCycles);
        // The primary's tick fires while the secondary runs: exit to the primary, its handler, re-enter.
        Add(sources, new NoiseSource.Periodic("primary tick", primary.TickHz, false, new EventCost { WorldSwitches = 2 }
            .Add(OverheadCause.WorldSwitches, exitAndReenter).Add(OverheadCause.TickNoise, S(primary.TickHandlerCycles))
            .Add(OverheadCause.Pollution, S(primary.PollutionCycles))));
        // The guest's virtual-timer tick bounces through the primary and comes back as an injection.
        Add(sources, new NoiseSource.Periodic("guest tick", guest.TickHz, false, new EventCost { WorldSwitches = 2, Hypercalls = hafnium.InjectionEl2Entries, InjectedInterrupts = 1 }
            .Add(OverheadCause.WorldSwitches, exitAndReenter + injection).Add(OverheadCause.InterruptRouting, S(hafnium.PrimaryIrqRoutingCycles))
            .Add(OverheadCause.TickNoise, S(guest.TickHandlerCycles)).Add(OverheadCause.Pollution, S(guest.PollutionCycles))));
        // A primary daemon takes the core from the vCPU thread.
        Add(sources, new NoiseSource.Poisson("primary daemons", primary.DaemonRatePerSecond, new EventCost { WorldSwitches = 2 }
            .Add(OverheadCause.WorldSwitches, exitAndReenter).Add(OverheadCause.Pollution, S(primary.PollutionCycles)),
            OverheadCause.DaemonNoise, primary.DaemonMedianSeconds, primary.DaemonLogSigma));
        // Daemons of the guest kernel run on the vCPU itself.
        Add(sources, new NoiseSource.Poisson("guest daemons", guest.DaemonRatePerSecond,
            new EventCost().Add(OverheadCause.Pollution, S(guest.PollutionCycles)), OverheadCause.DaemonNoise, guest.DaemonMedianSeconds, guest.DaemonLogSigma));
        // Device interrupts: trap to Hafnium, the primary routes, paravirtual injection, the guest's handler.
        Add(sources, new NoiseSource.Poisson("device interrupts", profile.DeviceInterruptsPerSecond, new EventCost { WorldSwitches = 2, Hypercalls = hafnium.InjectionEl2Entries, InjectedInterrupts = 1 }
            .Add(OverheadCause.WorldSwitches, exitAndReenter + injection)
            .Add(OverheadCause.InterruptRouting, S(hafnium.PrimaryIrqRoutingCycles + primary.IrqHandlerCycles + guest.IrqHandlerCycles))));
        // Messages: up to 4 KiB through the mailbox (send hypercall + copy + the receiver's retrieve); larger ones by memory sharing.
        var pages = Math.Ceiling(profile.MessageBytes / 4096.0);
        var messageCycles = profile.MessageBytes <= 4096
            ? 2 * hafnium.HypercallCycles + hafnium.MailboxCopyCyclesPerKiB * profile.MessageBytes / 1024.0
            : 4 * hafnium.HypercallCycles + pages * hafnium.MemoryShareCyclesPerPage;
        Add(sources, new NoiseSource.Poisson("mailbox messages", profile.MessagesPerSecond,
            new EventCost { Hypercalls = profile.MessageBytes <= 4096 ? 2 : 4, MailboxMessages = 1 }.Add(OverheadCause.WorldSwitches, S(messageCycles))));
        // After each forced exit, a Linux primary may run another thread before the vCPU thread (CFS).
        var exitsPerSecond = primary.TickHz + guest.TickHz + primary.DaemonRatePerSecond + profile.DeviceInterruptsPerSecond;
        Add(sources, new NoiseSource.Poisson("scheduling delay", exitsPerSecond * primary.PreemptProbability, new EventCost(),
            OverheadCause.SchedulingDelay, primary.PreemptMedianSeconds, primary.PreemptLogSigma));
        return sources;
    }

    private static void Add(List<NoiseSource> sources, NoiseSource source)
    {
        var active = source switch
        {
            NoiseSource.Periodic p => p.RateHz > 0 && p.Cost.Total > 0,
            NoiseSource.Poisson q => q.RatePerSecond > 0 && q.MeanSeconds > 0,
            _ => false,
        };
        if (active) sources.Add(source);
    }

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
