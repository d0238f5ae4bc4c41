namespace NodeSim.Models.Costs;

/// <summary>Why a job runs slower than on the ideal machine: the ledger's columns.</summary>
public enum OverheadCause
{
    /// <summary>Extra TLB-miss and page-walk cycles (nested paging, small pages) in the job's own memory accesses.</summary>
    Translation,
    /// <summary>World switches between VMs and hypercalls (EL2 entries).</summary>
    WorldSwitches,
    /// <summary>Handling device interrupts, and under a hypervisor routing them through the primary.</summary>
    InterruptRouting,
    /// <summary>Periodic timer-tick handlers.</summary>
    TickNoise,
    /// <summary>Daemons and softirqs that take the core.</summary>
    DaemonNoise,
    /// <summary>Cache and TLB refills after an interruption evicted the job's working lines.</summary>
    Pollution,
    /// <summary>The vCPU thread descheduled while the primary's scheduler runs another thread on its core.</summary>
    SchedulingDelay,
    /// <summary>Noise added on purpose by the noise injector (experiments).</summary>
    InjectedNoise,
    /// <summary>The kernels' network stacks sending and receiving messages (interrupt-driven interconnects).</summary>
    NetworkStack,
    /// <summary>The primary relaying messages between the NIC it owns and the secondaries: copies, page sharing, inter-processor interrupts.</summary>
    MessageRelay,
    /// <summary>Detours replayed from a measured noise trace (<c>nodesim noise probe</c>), whatever they were on the machine measured.</summary>
    MeasuredNoise,
    /// <summary>Waiting at the collective for the slowest rank: the slowest rank's detours beyond the average rank's.</summary>
    CollectiveAmplification,
    /// <summary>Cores per node kept for the OS, which run no rank: a replayed job's work spread over the node's other cores.</summary>
    HousekeepingCores,
}

/// <summary>Names and descriptions of the causes, for tables and tidy files.</summary>
public static class OverheadCauses
{
    public static readonly OverheadCause[] All = Enum.GetValues<OverheadCause>();
    public static readonly int Count = All.Length;

    /// <summary>The causes an interruption is made of — all but translation (the job's own compute), collective
    /// amplification and housekeeping cores — each of which collectives can amplify.</summary>
    public static readonly OverheadCause[] Noise =
        [.. All.Where(c => c is not (OverheadCause.Translation or OverheadCause.CollectiveAmplification or OverheadCause.HousekeepingCores))];

    /// <summary>The snake_case column stem of the amplification of a noise cause, e.g. <c>amplified_daemon_noise</c>.</summary>
    public static string AmplifiedKey(OverheadCause cause) => "amplified_" + Key(cause);

    /// <summary>The snake_case column stem, e.g. <c>world_switches</c>.</summary>
    public static string Key(OverheadCause cause) => cause switch
    {
        OverheadCause.Translation => "translation",
        OverheadCause.WorldSwitches => "world_switches",
        OverheadCause.InterruptRouting => "interrupt_routing",
        OverheadCause.TickNoise => "tick_noise",
        OverheadCause.DaemonNoise => "daemon_noise",
        OverheadCause.Pollution => "pollution",
        OverheadCause.SchedulingDelay => "scheduling_delay",
        OverheadCause.InjectedNoise => "injected_noise",
        OverheadCause.NetworkStack => "network_stack",
        OverheadCause.MessageRelay => "message_relay",
        OverheadCause.MeasuredNoise => "measured_noise",
        OverheadCause.CollectiveAmplification => "collective_amplification",
        OverheadCause.HousekeepingCores => "housekeeping_cores",
    };

    public static string Description(OverheadCause cause) => cause switch
    {
        OverheadCause.Translation => "TLB misses and page walks (nested paging, page sizes)",
        OverheadCause.WorldSwitches => "world switches between VMs and hypercalls",
        OverheadCause.InterruptRouting => "device-interrupt handling and routing through the primary",
        OverheadCause.TickNoise => "timer-tick handlers",
        OverheadCause.DaemonNoise => "daemons and softirqs",
        OverheadCause.Pollution => "cache/TLB refills after interruptions",
        OverheadCause.SchedulingDelay => "the primary's scheduler running its own threads instead of the vCPU",
        OverheadCause.InjectedNoise => "noise injected on purpose",
        OverheadCause.NetworkStack => "the kernels' network stacks on each message",
        OverheadCause.MessageRelay => "the primary relaying messages into secondaries (copy or share, IPI)",
        OverheadCause.MeasuredNoise => "detours replayed from a measured noise trace",
        OverheadCause.CollectiveAmplification => "waiting at collectives for the slowest rank",
        OverheadCause.HousekeepingCores => "cores kept for the OS: a job's work spread over the node's other cores (housekeeping: spread)",
    };
}
