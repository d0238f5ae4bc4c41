namespace NodeSim.Models.Costs;

/// <summary>Something that interrupts a rank's computation.</summary>
public abstract record NoiseSource(string Name, EventCost Cost)
{
    /// <summary>The name of the source of a profile's device interrupts, which an interrupt-driven interconnect replaces by its message path.</summary>
    public const string DeviceInterrupts = "device interrupts";

    /// <summary>Only on the first core of each node (where the primary takes the NIC's interrupts), not on every core.</summary>
    public bool FirstCoreOfNode { get; init; }

    /// <summary>
    /// The random stream the source's events are drawn from; by default its name. Events that are the same under two stacks — a
    /// Linux kernel's threads and tick, on bare metal or as Hafnium's primary — share a stream, so that a replica of each stack
    /// sees the same events at the same times (common random numbers) and their paired difference is the stacks' alone.
    /// </summary>
    public string Stream { get => _stream ?? Name; init => _stream = value; }

    private readonly string? _stream;

    /// <summary>
    /// Detours replayed from a measured trace (<see cref="MeasuredNoise"/>): each costs <see cref="NoiseSource.Cost"/> (what the stack
    /// adds to it, e.g. the world switches around a primary's detour) plus its measured length, booked as measured noise.
    /// </summary>
    public sealed record Measured(string Name, MeasuredNoise Noise, EventCost Cost) : NoiseSource(Name, Cost);

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
