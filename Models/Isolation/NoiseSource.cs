namespace NodeSim.Models.Isolation;

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

    /// <summary>Adds this cost, <paramref name="times"/> times, into a per-cause accumulator.</summary>
    public void AddTo(Span<double> perCause, double times = 1)
    {
        for (var i = 0; i < _seconds.Length; i++) perCause[i] += _seconds[i] * times;
    }
}

/// <summary>Something that interrupts a rank's computation.</summary>
public abstract record NoiseSource(string Name, EventCost Cost)
{
    /// <summary>The name of the source of a profile's device interrupts, which an interrupt-driven interconnect replaces by its message path.</summary>
    public const string DeviceInterrupts = "device interrupts";

    /// <summary>Only on the first core of each node (where the primary takes the NIC's interrupts), not on every core.</summary>
    public bool FirstCoreOfNode { get; init; }

    /// <summary>Strictly periodic events (timer ticks, injected noise): per rank a random phase, or one phase for all ranks when synchronized.</summary>
    public sealed record Periodic(string Name, double RateHz, bool Synchronized, EventCost Cost) : NoiseSource(Name, Cost);

    /// <summary>
    /// Events of a Poisson process per rank (daemons, device interrupts, messages, preemptions): each
    /// costs <see cref="NoiseSource.Cost"/> plus, when <see cref="DurationMedianSeconds"/> is positive,
    /// a log-normal duration charged to <see cref="DurationCause"/>.
    /// </summary>
    public sealed record Poisson(string Name, double RatePerSecond, EventCost Cost, OverheadCause DurationCause = OverheadCause.DaemonNoise,
        double DurationMedianSeconds = 0, double DurationLogSigma = 0) : NoiseSource(Name, Cost)
    {
        /// <summary>Mean time per event: the fixed cost plus the log-normal duration's mean.</summary>
        public double MeanSeconds => Cost.Total + MeanDuration(DurationMedianSeconds, DurationLogSigma);

        /// <summary>The mean of a log-normal duration with this median and σ of its log (0 for no duration): median × e^(σ²/2).</summary>
        public static double MeanDuration(double medianSeconds, double logSigma) =>
            medianSeconds > 0 ? medianSeconds * Math.Exp(logSigma * logSigma / 2) : 0;
    }
}
