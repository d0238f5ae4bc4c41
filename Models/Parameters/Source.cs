namespace NodeSim.Models.Parameters;

/// <summary>What kind of backing a parameter's value has.</summary>
public enum SourceKind
{
    /// <summary>Taken from a publication, a manual or the design guide.</summary>
    Cited,
    /// <summary>Chosen without a measurement to cite; a study should sweep it.</summary>
    Assumed,
    /// <summary>A setting of the experiment (how long a window lasts, how many ranks by default), not a property of the modelled system.</summary>
    Setting,
}

/// <summary>
/// Where a parameter's value comes from: a citation (a paper, a manual, the design guide),
/// "assumed" with the reasoning behind the guess, or a setting of the experiment with why it is
/// the default. Assumed values are the ones a study should sweep.
/// </summary>
public sealed record Source(string Text, SourceKind Kind)
{
    /// <summary>
    /// The values the parameter plausibly takes on the modelled machine, as its source argues them (not its validity range):
    /// what a sensitivity study varies it over. Null where no range is argued.
    /// </summary>
    public PlausibleRange? Range { get; init; }

    /// <summary>A value taken from a publication, a manual or the design guide.</summary>
    public static Source Cited(string citation) => new(citation, SourceKind.Cited);

    /// <summary>A cited value with the range its sources span (<paramref name="low"/> to <paramref name="high"/>, in the parameter's unit).</summary>
    public static Source Cited(string citation, double low, double high) => new(citation, SourceKind.Cited) { Range = new(low, high) };

    /// <summary>A value chosen without a measurement to cite, with the reasoning.</summary>
    public static Source Assume(string reasoning) => new(reasoning, SourceKind.Assumed);

    /// <summary>An assumed value with the range the reasoning allows (<paramref name="low"/> to <paramref name="high"/>, in the parameter's unit).</summary>
    public static Source Assume(string reasoning, double low, double high) => new(reasoning, SourceKind.Assumed) { Range = new(low, high) };

    /// <summary>The default of an experiment's setting, with why it is the default.</summary>
    public static Source Setting(string reason) => new(reason, SourceKind.Setting);

    public bool Assumed => Kind == SourceKind.Assumed;

    public override string ToString() => Kind switch
    {
        SourceKind.Assumed => $"assumed: {Text}",
        SourceKind.Setting => $"setting: {Text}",
        SourceKind.Cited => Text,
    };
}

/// <summary>A parameter's plausible values, both ends included, in its unit.</summary>
public sealed record PlausibleRange(double Low, double High)
{
    /// <summary>
    /// Log-uniform when the range is positive and spans more than 10× (exactly 10×, such as 2–20 µs, stays uniform, whatever
    /// the rounding of the division), as a sensitivity study samples it.
    /// </summary>
    public bool LogScale => Low > 0 && High > 10 * Low * (1 + 1e-9);
}
