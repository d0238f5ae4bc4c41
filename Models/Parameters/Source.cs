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
    /// <summary>A value taken from a publication, a manual or the design guide.</summary>
    public static Source Cited(string citation) => new(citation, SourceKind.Cited);

    /// <summary>A value chosen without a measurement to cite, with the reasoning.</summary>
    public static Source Assume(string reasoning) => new(reasoning, SourceKind.Assumed);

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
