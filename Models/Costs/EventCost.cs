namespace NodeSim.Models.Costs;

/// <summary>
/// The time one interruption takes from a rank, split by cause (seconds), and the security-relevant
/// operations it performs.
/// </summary>
public sealed class EventCost
{
    private readonly double[] _seconds = new double[OverheadCauses.Count];
    private double? _total; // the job window asks for it per event; summed once, in cause order

    public double this[OverheadCause cause] => _seconds[(int)cause];

    public double Total => _total ??= _seconds.Sum();

    public int WorldSwitches { get; init; }
    public int Hypercalls { get; init; }
    public int InjectedInterrupts { get; init; }
    public int MailboxMessages { get; init; }

    /// <summary>How many of <paramref name="counter"/>'s events one such interruption is: itself one detour, and its operations.</summary>
    public int Count(Counter counter) => counter switch
    {
        Counter.WorldSwitches => WorldSwitches,
        Counter.Hypercalls => Hypercalls,
        Counter.InjectedInterrupts => InjectedInterrupts,
        Counter.MailboxMessages => MailboxMessages,
        Counter.Detours => 1,
    };

    public EventCost Add(OverheadCause cause, double seconds)
    {
        if (!(seconds >= 0)) throw new ArgumentOutOfRangeException(nameof(seconds), seconds, "a cost must be a non-negative time");
        _seconds[(int)cause] += seconds;
        _total = null;
        return this;
    }

    /// <summary>This cost and <paramref name="other"/> together: their times by cause and their operations.</summary>
    public EventCost Plus(EventCost other)
    {
        var sum = new EventCost
        {
            WorldSwitches = WorldSwitches + other.WorldSwitches, Hypercalls = Hypercalls + other.Hypercalls,
            InjectedInterrupts = InjectedInterrupts + other.InjectedInterrupts, MailboxMessages = MailboxMessages + other.MailboxMessages,
        };
        for (var i = 0; i < _seconds.Length; i++) sum._seconds[i] = _seconds[i] + other._seconds[i];
        return sum;
    }
}
