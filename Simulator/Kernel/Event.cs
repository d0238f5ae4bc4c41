namespace NodeSim.Kernel;

/// <summary>
/// Something that happens at one point of simulated time, with an outcome: success with a value,
/// or failure with an exception.
/// </summary>
/// <remarks>
/// An event is <em>pending</em> until something triggers it (<see cref="Succeed"/>, <see cref="Fail"/>,
/// or its own schedule, as for <see cref="Timeout"/>); a triggered event sits in the queue until its
/// time comes, when it is <em>processed</em>: its callbacks run in the order they were added.
/// A failed event that nobody waits for stops the simulation with a <see cref="SimulationException"/>,
/// so errors never vanish; <see cref="Defuse"/> marks a failure as expected.
/// </remarks>
public class Event
{
    /// <summary>Priority of ordinary events. Lower numbers go first among events at the same time.</summary>
    public const int NormalPriority = 0;

    /// <summary>Priority of process starts and interruptions: they go before ordinary events at the same time.</summary>
    public const int UrgentPriority = -1;

    // The first callback (usually the one waiting process) and any others: two typed fields
    // rather than one object field, so processing an event needs no type checks.
    private IEventCallback? _callback;
    private List<IEventCallback>? _moreCallbacks;
    private object? _value;

    public Event(Simulation simulation) => Simulation = simulation ?? throw new ArgumentNullException(nameof(simulation));

    public Simulation Simulation { get; }

    public EventState State { get; private protected set; }

    public bool IsTriggered => State != EventState.Pending;
    public bool IsProcessed => State == EventState.Processed;

    /// <summary>True when the event succeeded. Only meaningful once triggered.</summary>
    public bool Ok { get; private set; }

    /// <summary>The success value, or null if the event failed or is pending.</summary>
    public object? Value => Ok ? _value : null;

    /// <summary>The failure, or null if the event succeeded or is pending.</summary>
    public Exception? Error => IsTriggered && !Ok ? (Exception?)_value : null;

    /// <summary>True once someone has taken responsibility for this event's failure.</summary>
    public bool Defused { get; private set; }

    /// <summary>Marks a failure as handled, so that processing it without waiters does not stop the run.</summary>
    public void Defuse() => Defused = true;

    /// <summary>Triggers the event as a success now; its callbacks run when the loop reaches it.</summary>
    public Event Succeed(object? value = null, int priority = NormalPriority)
    {
        SetOutcome(true, value);
        Simulation.ScheduleEvent(this, 0, priority);
        return this;
    }

    /// <summary>Triggers the event as a failure now; waiting processes see <paramref name="error"/>.</summary>
    public Event Fail(Exception error, int priority = NormalPriority)
    {
        ArgumentNullException.ThrowIfNull(error);
        SetOutcome(false, error);
        Simulation.ScheduleEvent(this, 0, priority);
        return this;
    }

    /// <summary>
    /// <c>a &amp; b</c>: a <see cref="Condition"/> that succeeds when both have succeeded, as
    /// <see cref="Simulation.AllOf"/> (SimPy's and SimSharp's operator).
    /// </summary>
    public static Condition operator &(Event a, Event b) => Condition.Of(a, b, all: true);

    /// <summary>
    /// <c>a | b</c>: a <see cref="Condition"/> that succeeds when the first of them does, as
    /// <see cref="Simulation.AnyOf"/>; e.g. <c>yield return request | sim.Timeout(patience);</c> to
    /// give up waiting (leaving the request's <c>using</c> block then withdraws it).
    /// </summary>
    public static Condition operator |(Event a, Event b) => Condition.Of(a, b, all: false);

    /// <summary>Adds a callback that runs when the event is processed. Adding to a processed event is an error.</summary>
    public void AddCallback(Action<Event> callback)
    {
        ArgumentNullException.ThrowIfNull(callback);
        AddCallback(new DelegateCallback(callback));
    }

    internal void SetOutcome(bool ok, object? value)
    {
        if (State != EventState.Pending)
            throw new InvalidOperationException($"{Describe()} has already been triggered; an event has exactly one outcome");
        State = EventState.Triggered;
        Ok = ok;
        _value = value;
    }

    internal void AddCallback(IEventCallback callback)
    {
        if (State == EventState.Processed)
            throw new InvalidOperationException($"{Describe()} has already been processed; its callbacks have run");
        if (_callback is null) _callback = callback;
        else (_moreCallbacks ??= new List<IEventCallback>(2)).Add(callback);
    }

    /// <summary>Removes one registration of <paramref name="callback"/>; true if it was there.</summary>
    internal bool RemoveCallback(IEventCallback callback)
    {
        if (!ReferenceEquals(_callback, callback)) return _moreCallbacks?.Remove(callback) ?? false;
        if (_moreCallbacks is { Count: > 0 })
        {
            _callback = _moreCallbacks[0];
            _moreCallbacks.RemoveAt(0);
        }
        else _callback = null;
        return true;
    }

    internal bool HasCallbacks => _callback is not null;

    /// <summary>Runs the callbacks. Called by the loop when the event's time comes.</summary>
    internal void Process()
    {
        State = EventState.Processed;
        var first = _callback;
        if (first is null)
        {
            if (!Ok && !Defused) throw new SimulationException($"{Describe()} failed and nothing waited for it", Error!);
            return;
        }
        _callback = null;
        first.OnEventProcessed(this);
        if (_moreCallbacks is not { } more) return;
        _moreCallbacks = null;
        foreach (var c in more) c.OnEventProcessed(this);
    }

    /// <summary>
    /// Called when the only process waiting for this event was interrupted and stopped waiting.
    /// Resource requests, store and container operations override it to withdraw themselves.
    /// </summary>
    internal virtual void OnAbandoned() { }

    internal void MarkProcessed() => State = EventState.Processed;

    /// <summary>A short name for error messages.</summary>
    protected virtual string Describe() => GetType().Name;

    public override string ToString() => $"{Describe()} ({State}{(IsTriggered ? Ok ? ", ok" : ", failed" : "")})";

    private sealed class DelegateCallback(Action<Event> action) : IEventCallback
    {
        public void OnEventProcessed(Event e) => action(e);
    }
}

/// <summary>Lifecycle of an <see cref="Event"/>.</summary>
public enum EventState
{
    /// <summary>Not yet triggered; no outcome.</summary>
    Pending,
    /// <summary>Outcome decided and scheduled; callbacks not yet run.</summary>
    Triggered,
    /// <summary>Callbacks have run.</summary>
    Processed,
}

/// <summary>Kernel-internal callback target (processes, conditions): avoids a delegate per wait.</summary>
internal interface IEventCallback
{
    void OnEventProcessed(Event e);
}

/// <summary>An event failed and nothing handled the failure, so the run cannot continue meaningfully.</summary>
public sealed class SimulationException(string message, Exception inner) : Exception(message, inner);
