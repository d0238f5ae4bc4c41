namespace NodeSim.Traces.Swf;

/// <summary>
/// One job of a Standard Workload Format (SWF 2.2) trace: the 18 fields, with null for "-1, unknown".
/// Times are seconds (they may be fractional), memory is KB per processor.
/// </summary>
/// <param name="Line">The line of the file the job was read from (0 for generated jobs).</param>
public sealed record SwfJob(
    long JobNumber,
    double SubmitTime,
    double? WaitTime,
    double? RunTime,
    long? AllocatedProcessors,
    double? AverageCpuTime,
    double? UsedMemory,
    long? RequestedProcessors,
    double? RequestedTime,
    double? RequestedMemory,
    long? Status,
    long? UserId,
    long? GroupId,
    long? Executable,
    long? Queue,
    long? Partition,
    long? PrecedingJob,
    double? ThinkTime,
    long Line = 0)
{
    /// <summary>The 18 field names of the SWF 2.2 specification, in order (field n is index n − 1).</summary>
    public static readonly string[] FieldNames =
    [
        "job number", "submit time", "wait time", "run time", "allocated processors", "average CPU time",
        "used memory", "requested processors", "requested time", "requested memory", "status", "user ID",
        "group ID", "executable number", "queue number", "partition number", "preceding job number", "think time",
    ];

    /// <summary>Processors the job occupies: the larger of allocated and requested (either may be unknown).</summary>
    public long? Processors => AllocatedProcessors is null && RequestedProcessors is null
        ? null
        : Math.Max(AllocatedProcessors ?? 0, RequestedProcessors ?? 0);
}
