namespace NodeSim.Models.Isolation;

/// <summary>
/// Who owns a node's NIC under a hypervisor: a design choice Hafnium leaves open (its manifests assign
/// devices to VMs; the primary always takes the physical interrupts first).
/// </summary>
public enum IoOwnership
{
    /// <summary>The primary VM owns the NIC and relays every message into and out of the secondaries (the ROSS 2021 design).</summary>
    Primary,
    /// <summary>The manifest assigns the NIC to the job's secondary: its own kernel's stack carries messages; only the interrupts pass through Hafnium and the primary.</summary>
    Passthrough,
    /// <summary>A separate Linux VM owns the NIC and relays (the Kitten port's "admin Linux domain", commit d609845): Linux, not the primary, runs the network stack.</summary>
    DriverVm,
}

/// <summary>Where a driver VM runs.</summary>
public enum DriverVmCore
{
    /// <summary>On the node's first core, time-sharing it with the rank there.</summary>
    Shared,
    /// <summary>On a core of its own, which then runs no rank.</summary>
    Dedicated,
}

/// <summary>The ownerships' names as scenarios write them.</summary>
public static class IoOwnerships
{
    public static readonly IReadOnlyList<(string Name, IoOwnership Value)> Names =
        [("primary", IoOwnership.Primary), ("passthrough", IoOwnership.Passthrough), ("driver-vm", IoOwnership.DriverVm)];
}
