namespace NodeSim.Kernel;

/// <summary>Why and when a process was interrupted. See <see cref="Process.Interrupt"/>.</summary>
/// <param name="Cause">What the interrupter passed; <see cref="Preempted"/> when a resource was taken away.</param>
/// <param name="Time">When the interruption was delivered.</param>
public sealed record Interruption(object? Cause, SimTime Time);

/// <summary>
/// The cause of an interruption by a <see cref="PreemptiveResource"/>: the process lost its unit of
/// the resource to a request of better priority.
/// </summary>
/// <param name="By">The process whose request took the unit (null if it was made outside any process).</param>
/// <param name="UsageSince">When the preempted request had been granted.</param>
/// <param name="Resource">The resource that was taken away.</param>
public sealed record Preempted(Process? By, SimTime UsageSince, PreemptiveResource Resource);

/// <summary>A process was interrupted and resumed without calling <see cref="Process.TryHandleInterrupt"/>: it fails with this.</summary>
public sealed class InterruptException(Interruption interruption)
    : Exception($"the process was interrupted at {interruption.Time} (cause: {interruption.Cause ?? "none"}) and did not handle it")
{
    public Interruption Interruption { get; } = interruption;
}
