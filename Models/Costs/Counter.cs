namespace NodeSim.Models.Costs;

/// <summary>What a job's execution counts: the security-relevant operations of its interruptions, and the interruptions themselves.</summary>
public enum Counter
{
    /// <summary>World switches between VMs.</summary>
    WorldSwitches,
    /// <summary>Hypercalls (EL2 entries).</summary>
    Hypercalls,
    /// <summary>Virtual interrupts injected by the hypervisor.</summary>
    InjectedInterrupts,
    /// <summary>Messages through the hypervisor's mailbox.</summary>
    MailboxMessages,
    /// <summary>Interruptions of the job's cores (detours), of any source.</summary>
    Detours,
}

/// <summary>Names and descriptions of the counters, for tables and tidy files.</summary>
public static class Counters
{
    public static readonly Counter[] All = Enum.GetValues<Counter>();
    public static readonly int Count = All.Length;

    /// <summary>The operations an interruption performs — every counter but the detours themselves.</summary>
    public static readonly Counter[] Operations = [.. All.Where(c => c != Counter.Detours)];

    /// <summary>The snake_case column stem of a rate, e.g. <c>world_switches</c> (as <c>world_switches_per_s</c>).</summary>
    public static string Key(Counter counter) => counter switch
    {
        Counter.WorldSwitches => "world_switches",
        Counter.Hypercalls => "hypercalls",
        Counter.InjectedInterrupts => "injected_interrupts",
        Counter.MailboxMessages => "mailbox_messages",
        Counter.Detours => "detours",
    };

    public static string Description(Counter counter) => counter switch
    {
        Counter.WorldSwitches => "VM world switches",
        Counter.Hypercalls => "hypercalls",
        Counter.InjectedInterrupts => "virtual interrupts injected by the SPM",
        Counter.MailboxMessages => "SPM mailbox messages",
        Counter.Detours => "interruptions of the job's cores (each detour of any source)",
    };
}
