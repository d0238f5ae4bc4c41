using System.Text.Json;
using System.Text.Json.Serialization;
using NodeSim.Kernel;

namespace NodeSim.Engine.Sensitivity;

/// <summary>How a sensitivity study compares each stack with the reference stack at a sample (in JSON: difference, log_ratio).</summary>
[JsonConverter(typeof(ContrastMeasureJson))]
public enum ContrastMeasure
{
    /// <summary>The headline's paired difference, stack − reference (in the headline's unit).</summary>
    Difference,

    /// <summary>ln(stack / reference) of the headline's means: a factor, robust where the reference is near zero only when it is not zero.</summary>
    LogRatio,
}

/// <summary>
/// The design of one sensitivity study: its parameters, Morris's r trajectories (Morris 1991; Campolongo et al. 2007)
/// and, optionally, Saltelli's sample for Sobol indices of a few of them (the others held at their defaults). Its
/// samples are scenario points <see cref="FirstPoint"/> … <see cref="FirstPoint"/> + <see cref="Samples"/> − 1: the
/// Morris trajectories in order, then Saltelli's A, B and AB_i rows. The design follows from its fields alone (a seeded
/// generator), so the analysis redraws it from a manifest.
/// </summary>
/// <param name="BasePoint">The index of the base point it studies (of the scenario's <c>sweep</c> over its settings; 0 without one).</param>
/// <param name="Base">The base point's swept settings, by name (empty without a sweep).</param>
/// <param name="SobolParameters">The names of the parameters Sobol indices are estimated for (none: Morris only).</param>
/// <param name="SobolSamples">Saltelli's N, the rows of A and of B.</param>
public sealed record SensitivityStudy(int BasePoint, IReadOnlyList<KeyValuePair<string, string>> Base, IReadOnlyList<SensitivityParameter> Parameters,
    int Trajectories, int Levels, ulong Seed, IReadOnlyList<string> SobolParameters, int SobolSamples, int FirstPoint)
{
    /// <summary>Morris's design over every parameter.</summary>
    public MorrisDesign Morris() => new(Parameters.Count, Trajectories, Seed, Levels);

    /// <summary>Saltelli's design over <see cref="SobolParameters"/>, or null without them.</summary>
    public SaltelliDesign? Saltelli() => SobolParameters.Count == 0 ? null : new(SobolParameters.Count, SobolSamples, RandomStream.DeriveSeed(Seed, "saltelli"));

    /// <summary>Morris's samples: r(k + 1).</summary>
    public int MorrisSamples => Trajectories * (Parameters.Count + 1);

    /// <summary>Every sample: Morris's, then Saltelli's N(m + 2).</summary>
    public int Samples => MorrisSamples + (SobolParameters.Count == 0 ? 0 : SobolSamples * (SobolParameters.Count + 2));

    /// <summary>Each sample's values, by parameter name, in order: Morris's set every parameter, Saltelli's only the Sobol parameters.</summary>
    public IEnumerable<IReadOnlyList<KeyValuePair<string, string>>> SampleValues()
    {
        foreach (var point in Morris().Points)
            yield return [.. Parameters.Select((p, i) => KeyValuePair.Create(p.Name, p.Text(point[i])))];
        if (Saltelli() is not { } saltelli) yield break;
        var sobol = SobolParameters.Select(name => Parameters.First(p => p.Name == name)).ToList();
        foreach (var point in saltelli.Points)
            yield return [.. sobol.Select((p, i) => KeyValuePair.Create(p.Name, p.Text(point[i])))];
    }
}

/// <summary>A contrast measure in JSON as snake_case names.</summary>
internal sealed class ContrastMeasureJson() : JsonStringEnumConverter<ContrastMeasure>(JsonNamingPolicy.SnakeCaseLower);

/// <summary>A scenario's sensitivity studies, one per base point, and the contrast they analyse.</summary>
public sealed record SensitivityPlan(ContrastMeasure Contrast, IReadOnlyList<SensitivityStudy> Studies)
{
    /// <summary>The study a scenario point belongs to, and the point's index within it.</summary>
    public (SensitivityStudy Study, int Sample) Locate(int point)
    {
        var study = Studies.Last(s => s.FirstPoint <= point);
        return (study, point - study.FirstPoint);
    }
}
