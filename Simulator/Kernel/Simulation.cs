using System.Runtime.CompilerServices;

namespace NodeSim.Kernel;

/// <summary>
/// The simulation environment: the clock, the event queue and the loop that processes it, and
/// the factory for events, processes and random streams.
/// </summary>
/// <remarks>
/// Entries are processed in (time, priority, insertion sequence) order, so events at the same time
/// and priority are processed first-in first-out and a run is deterministic. Two ways to put work
/// in the queue share that one order and clock: events and processes (<see cref="Timeout"/>,
/// <see cref="Process(IEnumerable{Event}, string?)"/>), and allocation-free callbacks
/// (<see cref="Schedule(SimTime, Action{long}, long, int)"/>) for hot loops.
/// </remarks>
public sealed class Simulation
{
    private readonly EventQueue _queue = new();
    private readonly Dictionary<(string, int), RandomStream> _streams = new();
    private long _now;

    /// <param name="seed">The root seed from which every random stream of this simulation derives.</param>
    public Simulation(ulong seed = 0)
    {
        Seed = seed;
        ExitMarker = new Event(this);
        HoldMarker = new Event(this);
    }

    public ulong Seed { get; }

    public SimTime Now => new(_now);

    /// <summary>The current time in nanoseconds, for hot loops.</summary>
    public long NowNanoseconds => _now;

    /// <summary>The process whose iterator is running, or null between steps and in callbacks.</summary>
    public Process? ActiveProcess { get; internal set; }

    /// <summary>Queue entries processed so far (events, process steps, callbacks).</summary>
    /// <remarks>Every scheduled entry is either still queued or processed, so no counter is kept in the loop.</remarks>
    public long ProcessedEntries => _queue.Scheduled - _queue.Count;

    /// <summary>The sentinel that <see cref="Exit"/> returns.</summary>
    internal Event ExitMarker { get; }

    /// <summary>The sentinel that <see cref="Hold"/> returns.</summary>
    internal Event HoldMarker { get; }

    /// <summary>A new pending event, to be triggered with <see cref="Event.Succeed"/> or <see cref="Event.Fail"/>.</summary>
    public Event Event() => new(this);

    /// <summary>An event that succeeds with <paramref name="value"/> after <paramref name="delay"/>.</summary>
    public Timeout Timeout(SimTime delay, object? value = null, int priority = Kernel.Event.NormalPriority) =>
        new(this, delay, value, priority);

    /// <summary>Starts a process now (before ordinary events at this time).</summary>
    public Process Process(IEnumerable<Event> body, string? name = null) => new(this, body, name);

    /// <summary>Succeeds when every event has succeeded; fails when one fails.</summary>
    public Condition AllOf(params Event[] events) => new(this, events, all: true);

    /// <summary>Succeeds when the first event succeeds; fails when one fails first.</summary>
    public Condition AnyOf(params Event[] events) => new(this, events, all: false);

    /// <summary>
    /// Ends the active process with <paramref name="value"/> as its return value:
    /// <c>yield return sim.Exit(value);</c>
    /// </summary>
    public Event Exit(object? value = null)
    {
        var process = ActiveProcess ?? throw new InvalidOperationException("Exit is only meaningful inside a running process");
        process.SetReturnValue(value);
        return ExitMarker;
    }

    /// <summary>
    /// Suspends the active process for <paramref name="delay"/>: <c>yield return sim.Hold(delay);</c>.
    /// The same as yielding <c>sim.Timeout(delay)</c>, but no event object is created, so it is the
    /// cheap way for a process to spend time. It can be interrupted like any wait.
    /// </summary>
    public Event Hold(SimTime delay)
    {
        var process = ActiveProcess ?? throw new InvalidOperationException("Hold is only meaningful inside a running process");
        var at = At(delay.Nanoseconds);
        _queue.Push(at, _now, Kernel.Event.NormalPriority, EntryKind.WakeProcess, process, null, process.RequestHold());
        return HoldMarker;
    }

    /// <summary>Calls <paramref name="handler"/>(<paramref name="arg"/>) after <paramref name="delay"/>. Allocates nothing.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Schedule(SimTime delay, Action<long> handler, long arg = 0, int priority = Kernel.Event.NormalPriority)
    {
        ArgumentNullException.ThrowIfNull(handler);
        _queue.Push(At(delay.Nanoseconds), _now, priority, EntryKind.CallbackLong, handler, null, arg);
    }

    /// <summary>Calls <paramref name="handler"/>(<paramref name="state"/>) after <paramref name="delay"/>. Allocates nothing.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Schedule(SimTime delay, Action<object?> handler, object? state, int priority = Kernel.Event.NormalPriority)
    {
        ArgumentNullException.ThrowIfNull(handler);
        _queue.Push(At(delay.Nanoseconds), _now, priority, EntryKind.CallbackObject, handler, state, 0);
    }

    /// <summary>The time of the next queued entry, or <see cref="SimTime.MaxValue"/> if none.</summary>
    public SimTime Peek() => new(_queue.PeekTime(_now));

    /// <summary>Processes the next queued entry.</summary>
    public void Step()
    {
        if (_queue.Count == 0) throw new InvalidOperationException("the event queue is empty; nothing to step");
        StepCore();
    }

    /// <summary>Runs until the queue is empty.</summary>
    public void Run()
    {
        var queue = _queue;
        while (queue.Count > 0) StepCore();
    }

    /// <summary>
    /// Processes every entry scheduled strictly before <paramref name="until"/>, then sets the clock
    /// to <paramref name="until"/>. Entries at exactly <paramref name="until"/> stay queued.
    /// </summary>
    public void Run(SimTime until)
    {
        if (until.Nanoseconds < _now)
            throw new ArgumentOutOfRangeException(nameof(until), until, $"cannot run until a time before now ({Now})");
        var limit = until.Nanoseconds;
        while (_queue.Count > 0 && _queue.PeekTime(_now) < limit) StepCore();
        _now = limit;
    }

    /// <summary>Runs until <paramref name="until"/> has been processed and returns its value; rethrows its failure.</summary>
    public object? Run(Event until)
    {
        ArgumentNullException.ThrowIfNull(until);
        if (!ReferenceEquals(until.Simulation, this)) throw new ArgumentException("the event belongs to another simulation", nameof(until));
        if (!until.IsProcessed) until.AddCallback(static e => e.Defuse());
        while (!until.IsProcessed)
        {
            if (_queue.Count == 0) throw new InvalidOperationException($"no events left, but {until} has not happened");
            StepCore();
        }
        return until.Ok ? until.Value : throw new SimulationException($"{until} failed", until.Error!);
    }

    /// <summary>
    /// The random stream of <paramref name="component"/> (and <paramref name="replica"/>): the same
    /// draws for the same root seed, independent of which other streams exist.
    /// </summary>
    public RandomStream Random(string component, int replica = 0)
    {
        if (!_streams.TryGetValue((component, replica), out var stream))
            _streams[(component, replica)] = stream = new RandomStream(RandomStream.DeriveSeed(Seed, component, replica));
        return stream;
    }

    internal void ScheduleEvent(Event e, long delay, int priority) =>
        _queue.Push(At(delay), _now, priority, EntryKind.FireEvent, e, null, 0);

    internal void ScheduleStart(Process p) =>
        _queue.Push(_now, _now, Kernel.Event.UrgentPriority, EntryKind.StartProcess, p, null, 0);

    internal void ScheduleInterrupt(Process p, Interruption interruption) =>
        _queue.Push(_now, _now, Kernel.Event.UrgentPriority, EntryKind.InterruptProcess, p, interruption, 0);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private long At(long delay)
    {
        if (delay < 0) ThrowNegativeDelay(delay);
        return checked(_now + delay);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void StepCore()
    {
        var slot = _queue.Pop(_now, out _now);
        ref var entry = ref _queue.At(slot);
        var target = entry.Target;
        var state = entry.State;
        var arg = entry.Arg;
        var kind = entry.Kind;
        _queue.Free(slot); // before dispatch: the handler may schedule into this slot
        switch (kind)
        {
            case EntryKind.CallbackLong:
                Unsafe.As<Action<long>>(target)(arg);
                break;
            case EntryKind.CallbackObject:
                Unsafe.As<Action<object?>>(target)(state);
                break;
            case EntryKind.FireEvent:
                Unsafe.As<Event>(target).Process();
                break;
            case EntryKind.StartProcess:
                Unsafe.As<Process>(target).Start();
                break;
            case EntryKind.WakeProcess:
                Unsafe.As<Process>(target).Wake(arg);
                break;
            case EntryKind.InterruptProcess:
                Unsafe.As<Process>(target).DeliverInterrupt(Unsafe.As<Interruption>(state!));
                break;
        }
    }

    private static void ThrowNegativeDelay(long delay) =>
        throw new ArgumentOutOfRangeException(nameof(delay), new SimTime(delay), "a delay must not be negative");
}
