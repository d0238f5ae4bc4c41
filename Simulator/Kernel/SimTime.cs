using System.Globalization;

namespace NodeSim.Kernel;

/// <summary>
/// A point or span of simulated time as an integer count of nanoseconds.
/// </summary>
/// <remarks>
/// Integer time keeps results bit-identical and never drifts: a <c>double</c> clock accumulates
/// rounding error, and SimSharp's <c>DateTime</c> clock silently drops delays under 100 ns.
/// A <c>long</c> of nanoseconds covers about 292 years. Hardware costs are computed in cycles and
/// converted with <see cref="FromCycles"/> at a clock frequency.
/// </remarks>
public readonly record struct SimTime(long Nanoseconds) : IComparable<SimTime>
{
    /// <summary>Time zero, the start of every simulation.</summary>
    public static readonly SimTime Zero = new(0);

    /// <summary>The largest representable time; <see cref="Simulation.Peek"/> returns it when nothing is scheduled.</summary>
    public static readonly SimTime MaxValue = new(long.MaxValue);

    public const long NanosecondsPerMicrosecond = 1_000;
    public const long NanosecondsPerMillisecond = 1_000_000;
    public const long NanosecondsPerSecond = 1_000_000_000;

    public static SimTime FromNanoseconds(long ns) => new(ns);

    /// <summary>Rounds to the nearest nanosecond.</summary>
    public static SimTime FromSeconds(double seconds) => new(Round(seconds * NanosecondsPerSecond, nameof(seconds)));

    /// <summary>Rounds to the nearest nanosecond.</summary>
    public static SimTime FromMilliseconds(double ms) => new(Round(ms * NanosecondsPerMillisecond, nameof(ms)));

    /// <summary>Rounds to the nearest nanosecond.</summary>
    public static SimTime FromMicroseconds(double us) => new(Round(us * NanosecondsPerMicrosecond, nameof(us)));

    /// <summary>The duration of <paramref name="cycles"/> clock cycles at <paramref name="frequencyHz"/>, rounded to the nearest nanosecond.</summary>
    public static SimTime FromCycles(double cycles, double frequencyHz)
    {
        if (!(frequencyHz > 0)) throw new ArgumentOutOfRangeException(nameof(frequencyHz), frequencyHz, "frequency must be a positive number of Hz");
        return new(Round(cycles * NanosecondsPerSecond / frequencyHz, nameof(cycles)));
    }

    public double Seconds => (double)Nanoseconds / NanosecondsPerSecond;
    public double Milliseconds => (double)Nanoseconds / NanosecondsPerMillisecond;
    public double Microseconds => (double)Nanoseconds / NanosecondsPerMicrosecond;

    /// <summary>The number of clock cycles this span lasts at <paramref name="frequencyHz"/>.</summary>
    public double ToCycles(double frequencyHz) => Nanoseconds * frequencyHz / NanosecondsPerSecond;

    public static SimTime operator +(SimTime a, SimTime b) => new(checked(a.Nanoseconds + b.Nanoseconds));
    public static SimTime operator -(SimTime a, SimTime b) => new(checked(a.Nanoseconds - b.Nanoseconds));
    public static SimTime operator *(SimTime a, long k) => new(checked(a.Nanoseconds * k));
    public static bool operator <(SimTime a, SimTime b) => a.Nanoseconds < b.Nanoseconds;
    public static bool operator >(SimTime a, SimTime b) => a.Nanoseconds > b.Nanoseconds;
    public static bool operator <=(SimTime a, SimTime b) => a.Nanoseconds <= b.Nanoseconds;
    public static bool operator >=(SimTime a, SimTime b) => a.Nanoseconds >= b.Nanoseconds;

    public int CompareTo(SimTime other) => Nanoseconds.CompareTo(other.Nanoseconds);

    /// <summary>Seconds with nanosecond precision, e.g. <c>1.000000250 s</c>.</summary>
    public override string ToString() => Nanoseconds == long.MaxValue
        ? "never"
        : (Nanoseconds / (decimal)NanosecondsPerSecond).ToString("0.000000000", CultureInfo.InvariantCulture) + " s";

    private static long Round(double ns, string what)
    {
        if (double.IsNaN(ns) || Math.Abs(ns) >= 9.2e18)
            throw new ArgumentOutOfRangeException(what, ns / NanosecondsPerSecond, "time is not a finite number of seconds within ±292 years");
        return (long)Math.Round(ns, MidpointRounding.AwayFromZero);
    }
}
