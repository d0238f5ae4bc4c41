namespace NodeSim.Models.Parameters;

/// <summary>
/// Where a parameter's value comes from: a citation (a paper, a manual, the design guide), or
/// "assumed" with the reasoning behind the guess. Assumed values are the ones a study should sweep.
/// </summary>
public sealed record Source(string Text, bool Assumed)
{
    /// <summary>A value taken from a publication, a manual or the design guide.</summary>
    public static Source Cited(string citation) => new(citation, false);

    /// <summary>A value chosen without a measurement to cite, with the reasoning.</summary>
    public static Source Assume(string reasoning) => new(reasoning, true);

    public override string ToString() => Assumed ? $"assumed: {Text}" : Text;
}
