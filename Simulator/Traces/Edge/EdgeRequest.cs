namespace NodeSim.Traces.Edge;

/// <summary>
/// One request of an edge or cloud trace: when it arrived (seconds from the trace's start) and,
/// when the trace says, how long it took. Fields a trace does not have stay null.
/// </summary>
public sealed record EdgeRequest(string Id, double ArrivalSeconds, double? ServiceSeconds)
{
    /// <summary>LLM inference: prompt tokens (prefill work).</summary>
    public int? ContextTokens { get; init; }

    /// <summary>LLM inference: generated tokens (decode work).</summary>
    public int? GeneratedTokens { get; init; }

    /// <summary>Serverless: the application and function (hashes in the Azure trace).</summary>
    public string? App { get; init; }
    public string? Function { get; init; }

    /// <summary>Pods: requested CPU (millicores), memory (MiB), GPUs and GPU share (milli-GPU), QoS class and final phase.</summary>
    public double? CpuMilli { get; init; }
    public double? MemoryMib { get; init; }
    public int? Gpus { get; init; }
    public double? GpuMilli { get; init; }
    public string? Qos { get; init; }
    public string? Phase { get; init; }

    /// <summary>Pods that were never scheduled have no service time; they are flagged, not dropped.</summary>
    public bool NeverScheduled { get; init; }
}

/// <summary>An edge trace: its requests in arrival order, and what kind of file it came from.</summary>
public sealed record EdgeTrace(string Format, IReadOnlyList<EdgeRequest> Requests);
