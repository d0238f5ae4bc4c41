using NodeSim.Models.Isolation;
using NodeSim.Models.Parameters;
using NodeSim.Models.Soc;
using NodeSim.Models.Workloads;
using NodeSim.Models.Costs;

namespace NodeSim.Models.NodeKernels;

/// <summary>How a kernel maps application memory at stage 1.</summary>
public sealed record PagePolicy(double HugePageFraction) : IParameterized
{
    public static readonly PagePolicy SmallPages = new(0);
    public static readonly PagePolicy HugePages = new(1);

    public static ParameterSet Catalogue { get; } = ParameterSet.For<PagePolicy>("page policy")
        .Number("huge_page_fraction", "1", 0, 1, "fraction of application memory mapped with 2 MB pages (the rest 4 KB)",
            p => p.HugePageFraction, (p, v) => p with { HugePageFraction = v })
        .Build();

    public ParameterSet Parameters => Catalogue;
}

/// <summary>
/// A node kernel as resource manager: its timer tick, its own threads (daemons, kworkers, softirq
/// work), where it runs them, and how it maps memory. Costs are in cycles of the node's cores, times
/// in seconds. As the primary VM's kernel under a hypervisor, its scheduler decides when the vCPU
/// threads run: a waking thread of its own preempts the vCPU thread (Linux's CFS wake-up
/// preemption); a kernel without such threads (Kitten) re-runs the vCPU at once. What each parameter is: <see cref="Catalogue"/>; the presets and the source of each
/// value: <see cref="NodeKernelPresets"/>.
/// </summary>
public sealed record NodeKernel(
    string Name,
    double TickHz,
    double TickHandlerCycles,
    double PollutionCycles,
    double DaemonRatePerSecond,
    double DaemonMedianSeconds,
    double DaemonLogSigma,
    double IrqHandlerCycles,
    int HousekeepingCores,
    double NetTxCycles,
    double NetRxCycles,
    PagePolicy Pages) : IParameterized
{
    /// <summary>Noise measured on a real machine that this kernel's cores replay, instead of or beside its tick and daemons (none by default).</summary>
    public MeasuredNoise? Measured { get; init; }

    /// <summary>Whether the kernel's parametric tick and daemons are its noise (not replaced by <see cref="Measured"/>).</summary>
    public bool ParametricNoise => Measured is not { ReplacesParametric: true };

    /// <summary>The kernel's parameters: names, units, ranges, meanings.</summary>
    public static ParameterSet Catalogue { get; } = ParameterSet.For<NodeKernel>("node kernel")
        .Number("tick_hz", "Hz", 0, 100_000, "periodic timer tick while a job runs (CONFIG_HZ)", k => k.TickHz, (k, v) => k with { TickHz = v })
        .Number("tick_handler_cycles", "cycles", 0, 1e9, "cycles of one tick handler", k => k.TickHandlerCycles, (k, v) => k with { TickHandlerCycles = v })
        .Number("pollution_cycles", "cycles", 0, 1e9, "cycles the interrupted job later spends refilling caches and TLBs after each interruption",
            k => k.PollutionCycles, (k, v) => k with { PollutionCycles = v })
        .Number("daemon_rate_per_second", "1/s", 0, 1e6, "daemon and softirq activations per second per core (a Poisson process)",
            k => k.DaemonRatePerSecond, (k, v) => k with { DaemonRatePerSecond = v })
        .Number("daemon_median_seconds", "s", 0, 1, "median daemon run (log-normal)", k => k.DaemonMedianSeconds, (k, v) => k with { DaemonMedianSeconds = v })
        .Number("daemon_log_sigma", "1", 0, 5, "σ of ln(daemon run)", k => k.DaemonLogSigma, (k, v) => k with { DaemonLogSigma = v })
        .Number("irq_handler_cycles", "cycles", 0, 1e9, "cycles to handle one device interrupt", k => k.IrqHandlerCycles, (k, v) => k with { IrqHandlerCycles = v })
        .Number("net_tx_cycles", "cycles", 0, 1e9, "its network stack sending one message (interrupt-driven interconnects)",
            k => k.NetTxCycles, (k, v) => k with { NetTxCycles = v })
        .Number("net_rx_cycles", "cycles", 0, 1e9, "its network stack receiving one message, up to waking the rank",
            k => k.NetRxCycles, (k, v) => k with { NetRxCycles = v })
        .Integer("housekeeping_cores", "cores", 0, 64, "cores per node that run no rank: the kernel's threads and device interrupts run there (isolcpus/nohz_full and IRQ affinity)",
            k => k.HousekeepingCores, (k, v) => k with { HousekeepingCores = (int)v })
        .Group("pages", "the stage-1 page policy for application memory", k => k.Pages, (k, p) => k with { Pages = p })
        .Build();

    public ParameterSet Parameters => Catalogue;

    /// <summary>Throws <see cref="ParameterException"/> for a value outside its range.</summary>
    public void Validate() => Catalogue.Check(this);

    /// <summary>Whether the kernel keeps its threads and device interrupts off the cores that run ranks.</summary>
    public bool HasHousekeeping => HousekeepingCores > 0;

    /// <summary>
    /// What interrupts a rank when this kernel runs the job itself, on bare metal: its own tick,
    /// and, unless a housekeeping core takes them, its threads and device-interrupt handling.
    /// </summary>
    public IEnumerable<NoiseSource> DirectNoise(JobProfile profile, SocPreset soc)
    {
        // A measured trace is what the machine's cores saw: on the cores that run ranks, housekeeping core or not.
        if (Measured is { } measured) yield return new NoiseSource.Measured("measured noise", measured, new EventCost());
        if (ParametricNoise)
            yield return new NoiseSource.Periodic("tick", TickHz, false,
                new EventCost().Add(OverheadCause.TickNoise, soc.Seconds(TickHandlerCycles)).Add(OverheadCause.Pollution, soc.Seconds(PollutionCycles)));
        if (HasHousekeeping) yield break;
        if (ParametricNoise)
            yield return new NoiseSource.Poisson("daemons", DaemonRatePerSecond,
                new EventCost().Add(OverheadCause.Pollution, soc.Seconds(PollutionCycles)), OverheadCause.DaemonNoise, DaemonMedianSeconds, DaemonLogSigma);
        yield return new NoiseSource.Poisson(NoiseSource.DeviceInterrupts, profile.DeviceInterruptsPerSecond,
            new EventCost().Add(OverheadCause.InterruptRouting, soc.Seconds(IrqHandlerCycles)));
    }
}
