namespace NodeSim.Kernel;

/// <summary>
/// A process: a C# iterator that yields what it waits for. It is itself an event, processed when
/// the iterator ends, so other processes can wait for it and read its return value.
/// </summary>
/// <remarks>
/// <para><b>Waiting.</b> A process yields an event (it resumes when the event is processed) or
/// <c>sim.Hold(delay)</c> (it resumes after the delay; like yielding a <see cref="Timeout"/>, but
/// no event object is made, which is the cheap way to spend time in a hot model).</para>
/// <para><b>Return value.</b> <c>yield return sim.Exit(value);</c> ends the process with
/// <c>value</c>; an iterator that simply ends returns null. An exception thrown by the iterator
/// fails the process with it.</para>
/// <para><b>Failures.</b> When an event the process waits for fails, the process resumes and must
/// acknowledge it with <see cref="TryHandleFault"/> before it next yields or ends; otherwise the
/// process fails with that same exception (so failures propagate up a chain of waiting processes).</para>
/// <para><b>Interrupts.</b> <see cref="Interrupt"/> resumes the process at once (urgent priority)
/// out of whatever it was waiting for. That wait is abandoned: a resource request, store or
/// container operation that was still queued is withdrawn; a timeout or hold simply runs out
/// unobserved. The process observes the interruption with <see cref="TryHandleInterrupt"/>,
/// typically right after each yield where it can be interrupted. An interruption not handled by
/// the next yield fails the process with <see cref="InterruptException"/>, and its
/// <c>finally</c>/<c>using</c> blocks run (releasing what it held).</para>
/// <para>Inside the iterator, the running process is <see cref="Simulation.ActiveProcess"/>.</para>
/// </remarks>
public sealed class Process : Event, IEventCallback
{
    private readonly IEnumerator<Event> _body;
    private readonly string? _name;
    private Event? _target;
    private Interruption? _interruption;
    private Exception? _fault;
    private object? _returnValue;
    // A hold is identified by a token so that a wake-up left behind by an interrupted hold is ignored.
    private long _holdToken;
    private HoldState _hold;

    private enum HoldState : byte { None, Requested, Holding }

    internal Process(Simulation simulation, IEnumerable<Event> body, string? name) : base(simulation)
    {
        ArgumentNullException.ThrowIfNull(body);
        _body = body.GetEnumerator();
        _name = name;
        simulation.ScheduleStart(this);
    }

    public string Name => _name ?? "process";

    /// <summary>True until the iterator ends or fails.</summary>
    public bool IsAlive => State == EventState.Pending;

    /// <summary>The event the process is waiting for, if any (null while holding).</summary>
    public Event? Target => _target;

    /// <summary>True while an interruption has been delivered and not yet handled.</summary>
    public bool IsInterrupted => _interruption is not null;

    /// <summary>Interrupts the process now with <paramref name="cause"/>; delivered before ordinary events at this time.</summary>
    public void Interrupt(object? cause = null)
    {
        if (!IsAlive) throw new InvalidOperationException($"process '{Name}' has already finished; a finished process cannot be interrupted or resumed");
        if (ReferenceEquals(Simulation.ActiveProcess, this)) throw new InvalidOperationException($"process '{Name}' cannot interrupt itself");
        Simulation.ScheduleInterrupt(this, new Interruption(cause, Simulation.Now));
    }

    /// <summary>Takes the pending interruption, if any: the process has dealt with it.</summary>
    public bool TryHandleInterrupt(out Interruption interruption)
    {
        interruption = _interruption!;
        _interruption = null;
        return interruption is not null;
    }

    /// <summary>Takes the failure of the event the process last waited for, if it failed.</summary>
    public bool TryHandleFault(out Exception error)
    {
        error = _fault!;
        _fault = null;
        return error is not null;
    }

    internal void SetReturnValue(object? value) => _returnValue = value;

    /// <summary>Called by <see cref="Simulation.Hold"/>: the token of the wake-up to schedule.</summary>
    internal long RequestHold()
    {
        if (_hold != HoldState.None) throw new InvalidOperationException($"process '{Name}' called Hold twice without yielding; yield each Hold at once");
        _hold = HoldState.Requested;
        return ++_holdToken;
    }

    internal void Start() => Resume();

    internal void Wake(long token)
    {
        if (_hold != HoldState.Holding || token != _holdToken) return; // the hold was interrupted
        _hold = HoldState.None;
        Resume();
    }

    internal void DeliverInterrupt(Interruption interruption)
    {
        if (!IsAlive) return; // ended between Interrupt() and delivery
        if (_target is { } target)
        {
            target.RemoveCallback(this);
            if (!target.HasCallbacks) target.OnAbandoned();
            _target = null;
        }
        _hold = HoldState.None; // a pending wake-up becomes stale
        _interruption = interruption;
        Resume();
    }

    void IEventCallback.OnEventProcessed(Event e)
    {
        _target = null;
        if (!e.Ok) _fault = e.Error;
        Resume();
    }

    private void Resume()
    {
        var sim = Simulation;
        var previous = sim.ActiveProcess;
        sim.ActiveProcess = this;
        Step(sim);
        // Usually no process was active (the loop resumed this one): restoring null costs no write barrier.
        if (previous is null) sim.ActiveProcess = null;
        else sim.ActiveProcess = previous;
    }

    /// <summary>Runs the iterator until it waits or ends. (An exception escaping here is a kernel defect and ends the run.)</summary>
    private void Step(Simulation sim)
    {
        while (true)
        {
            bool more;
            try
            {
                more = _body.MoveNext();
            }
            catch (Exception ex)
            {
                Finish(false, ex);
                return;
            }
            if (_interruption is not null || _fault is not null)
            {
                Finish(false, _fault ?? new InterruptException(_interruption!));
                _interruption = null;
                _fault = null;
                return;
            }
            if (!more)
            {
                Finish(true, _returnValue);
                return;
            }
            var next = _body.Current;
            if (_hold == HoldState.Requested)
            {
                if (!ReferenceEquals(next, sim.HoldMarker))
                {
                    Finish(false, new InvalidOperationException($"process '{Name}' called Hold but yielded something else; write `yield return sim.Hold(delay);`"));
                    return;
                }
                _hold = HoldState.Holding;
                return;
            }
            if (next is null || ReferenceEquals(next, sim.HoldMarker))
            {
                Finish(false, new InvalidOperationException($"process '{Name}' yielded {(next is null ? "null" : "a Hold it did not request")}; a process yields events or sim.Hold(delay)"));
                return;
            }
            if (ReferenceEquals(next, sim.ExitMarker))
            {
                Finish(true, _returnValue);
                return;
            }
            if (!ReferenceEquals(next.Simulation, sim))
            {
                Finish(false, new InvalidOperationException($"process '{Name}' yielded an event of another simulation"));
                return;
            }
            if (next.State == EventState.Processed)
            {
                // Already happened: continue at once with its outcome.
                if (!next.Ok) _fault = next.Error;
                continue;
            }
            next.AddCallback(this);
            _target = next;
            return;
        }
    }

    private void Finish(bool ok, object? value)
    {
        _hold = HoldState.None;
        _body.Dispose(); // runs the iterator's finally/using blocks
        SetOutcome(ok, value);
        // A success nobody waits for needs no trip through the queue: anyone who waits for the
        // process later finds it processed and continues at once with its value.
        if (ok && !HasCallbacks) MarkProcessed();
        else Simulation.ScheduleEvent(this, 0, NormalPriority);
    }

    protected override string Describe() => $"process '{Name}'";
}
