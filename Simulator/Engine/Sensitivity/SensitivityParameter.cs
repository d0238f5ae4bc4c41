namespace NodeSim.Engine.Sensitivity;

/// <summary>
/// A parameter a sensitivity study varies: its path, and its range, swept uniformly or, when it spans
/// more than 10×, log-uniformly. A design works on u in [0, 1]; <see cref="Value"/> maps u to the
/// parameter's value (lo·(hi/lo)^u on a log scale, as SALib's log-uniform scaling does).
/// </summary>
public sealed record SensitivityParameter(string Path, double Low, double High, bool LogScale)
{
    /// <summary>A parameter over [<paramref name="low"/>, <paramref name="high"/>], log-uniform when the range spans more than 10× and is positive.</summary>
    public static SensitivityParameter Over(string path, double low, double high) =>
        new(path, low, high, low > 0 && high / low > 10);

    /// <summary>The value at <paramref name="u"/> in [0, 1].</summary>
    public double Value(double u) => LogScale ? Low * Math.Pow(High / Low, u) : Low + u * (High - Low);
}
