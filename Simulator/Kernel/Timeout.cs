namespace NodeSim.Kernel;

/// <summary>An event that succeeds by itself after a delay.</summary>
public sealed class Timeout : Event
{
    public Timeout(Simulation simulation, SimTime delay, object? value = null, int priority = NormalPriority)
        : base(simulation)
    {
        if (delay.Nanoseconds < 0)
            throw new ArgumentOutOfRangeException(nameof(delay), delay, "a timeout's delay must not be negative");
        Delay = delay;
        SetOutcome(true, value);
        simulation.ScheduleEvent(this, delay.Nanoseconds, priority);
    }

    public SimTime Delay { get; }

    protected override string Describe() => $"Timeout({Delay})";
}
