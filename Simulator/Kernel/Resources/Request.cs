namespace NodeSim.Kernel;

/// <summary>
/// A request for one unit of a <see cref="Resource"/>: an event that succeeds when the unit is
/// granted. Dispose it (a <c>using</c> declaration in the process) to release the unit, or to
/// withdraw the request if it is still queued.
/// </summary>
public sealed class Request : Event, IDisposable
{
    internal Request(Resource resource, int priority, bool preempt) : base(resource.Simulation)
    {
        Resource = resource;
        Priority = priority;
        Preempt = preempt;
        Owner = resource.Simulation.ActiveProcess;
        RequestedAt = resource.Simulation.Now;
    }

    public Resource Resource { get; }

    /// <summary>Lower values are served first.</summary>
    public int Priority { get; }

    /// <summary>Whether this request may take a unit from a worse-priority user (preemptive resources only).</summary>
    public bool Preempt { get; }

    /// <summary>The process that made the request (null outside processes); it is interrupted if preempted.</summary>
    public Process? Owner { get; }

    public SimTime RequestedAt { get; }

    /// <summary>When the unit was granted; <see cref="SimTime.MaxValue"/> while waiting.</summary>
    public SimTime GrantedAt { get; internal set; } = SimTime.MaxValue;

    public RequestStatus Status { get; internal set; } = RequestStatus.Queued;

    /// <summary>Releases the unit if held, withdraws the request if queued; otherwise does nothing.</summary>
    public void Dispose() => Resource.Settle(this);

    internal override void OnAbandoned()
    {
        if (Status == RequestStatus.Queued) Resource.Settle(this);
    }

    protected override string Describe() => $"request for '{Resource.Name}'";
}

/// <summary>Where a <see cref="Request"/> stands.</summary>
public enum RequestStatus
{
    Queued,
    Granted,
    Released,
    Withdrawn,
    /// <summary>The unit was taken away by a better-priority request.</summary>
    Preempted,
}
