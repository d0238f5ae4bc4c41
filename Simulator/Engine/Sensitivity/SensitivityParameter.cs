using System.Globalization;

namespace NodeSim.Engine.Sensitivity;

/// <summary>
/// A parameter a sensitivity study varies: its name (a model path, or a model's own name and path such as
/// <c>linux.daemon_rate_per_second</c>, which reaches that kernel wherever a stack runs it), its range, swept
/// uniformly or, when it spans more than 10×, log-uniformly. A design works on u in [0, 1]; <see cref="Value"/>
/// maps u to the parameter's value (lo·(hi/lo)^u on a log scale, as SALib's log-uniform scaling does).
/// </summary>
/// <param name="Unit">The parameter's unit, for tables.</param>
/// <param name="Integer">Whole values only: a value is rounded to the nearest integer.</param>
/// <param name="Assumed">True when the catalogue marks the parameter's value assumed; false when it is cited (and a study varies it on request).</param>
public sealed record SensitivityParameter(string Name, double Low, double High, bool LogScale, string Unit = "", bool Integer = false, bool Assumed = true)
{
    /// <summary>A parameter over [<paramref name="low"/>, <paramref name="high"/>], log-uniform when the range spans more than 10× and is positive.</summary>
    public static SensitivityParameter Over(string name, double low, double high, string unit = "", bool integer = false, bool assumed = true) =>
        new(name, low, high, new Models.Parameters.PlausibleRange(low, high).LogScale, unit, integer, assumed);

    /// <summary>The value at <paramref name="u"/> in [0, 1].</summary>
    public double Value(double u)
    {
        var x = LogScale ? Low * Math.Pow(High / Low, u) : Low + u * (High - Low);
        return Integer ? Math.Round(x) : x;
    }

    /// <summary>Where the value at <paramref name="u"/> lies in [0, 1] once rounded: u itself for a real-valued parameter.</summary>
    public double EffectiveU(double u)
    {
        if (!Integer) return u;
        var x = Value(u);
        return LogScale ? Math.Log(x / Low) / Math.Log(High / Low) : (x - Low) / (High - Low);
    }

    /// <summary>The value at <paramref name="u"/> as a campaign file would write it.</summary>
    public string Text(double u) => Value(u).ToString("R", CultureInfo.InvariantCulture);
}
