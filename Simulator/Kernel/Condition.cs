namespace NodeSim.Kernel;

/// <summary>
/// An event over other events: <see cref="Simulation.AllOf"/> succeeds when all of them have
/// succeeded, <see cref="Simulation.AnyOf"/> when the first one does. Either fails as soon as one
/// of its events fails, with that event's error.
/// </summary>
/// <remarks>
/// The value (<see cref="Values"/>) maps each event that had succeeded by then to its value, in the
/// order the events were given. As in SimPy, a nested condition contributes its own succeeded events
/// rather than itself: <c>(a | b) &amp; c</c> maps c and whichever of a and b had succeeded (both, if
/// both had). A condition over no events succeeds at once.
/// </remarks>
public sealed class Condition : Event, IEventCallback
{
    private readonly Event[] _events;
    private readonly bool _all;
    private int _processed;

    internal Condition(Simulation simulation, Event[] events, bool all) : base(simulation)
    {
        ArgumentNullException.ThrowIfNull(events);
        _events = (Event[])events.Clone();
        _all = all;
        foreach (var e in _events)
        {
            ArgumentNullException.ThrowIfNull(e, nameof(events));
            if (!ReferenceEquals(e.Simulation, simulation))
                throw new ArgumentException("a condition cannot combine events of different simulations", nameof(events));
        }
        if (_events.Length == 0)
        {
            Succeed(new Dictionary<Event, object?>());
            return;
        }
        foreach (var e in _events)
        {
            if (e.IsProcessed) Observe(e);
            else e.AddCallback(this);
            if (IsTriggered) break;
        }
    }

    /// <summary>The condition an operator makes of two events (<c>a &amp; b</c>, <c>a | b</c>).</summary>
    internal static Condition Of(Event a, Event b, bool all)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return new Condition(a.Simulation, [a, b], all);
    }

    public IReadOnlyList<Event> Events => _events;

    /// <summary>The succeeded events and their values once the condition has succeeded; empty before, or if it failed.</summary>
    public IReadOnlyDictionary<Event, object?> Values =>
        Value as IReadOnlyDictionary<Event, object?> ?? System.Collections.ObjectModel.ReadOnlyDictionary<Event, object?>.Empty;

    void IEventCallback.OnEventProcessed(Event e) => Observe(e);

    private void Observe(Event e)
    {
        if (IsTriggered) return; // outcome already decided
        _processed++;
        if (!e.Ok)
        {
            Fail(e.Error!);
            return;
        }
        if (!_all || _processed == _events.Length) Succeed(Collect());
    }

    private Dictionary<Event, object?> Collect()
    {
        var values = new Dictionary<Event, object?>(_events.Length);
        CollectInto(values);
        return values;
    }

    /// <summary>Adds the events that have succeeded, looking into nested conditions whether or not they have (as SimPy does).</summary>
    private void CollectInto(Dictionary<Event, object?> values)
    {
        foreach (var e in _events)
        {
            if (e is Condition nested) nested.CollectInto(values);
            else if (e.IsProcessed && e.Ok) values[e] = e.Value;
        }
    }

    protected override string Describe() => _all ? $"AllOf({_events.Length})" : $"AnyOf({_events.Length})";
}
