using NodeSim.Engine.Sensitivity;
using NodeSim.Kernel;

namespace NodeSim.Reporting.Sensitivity;

/// <summary>
/// A parameter whose moves flipped the contrast's sign: the steps of Morris's trajectories in which moving it alone took the
/// contrast across zero, and how many of those made it negative by raising the parameter (the rest by lowering it).
/// </summary>
public sealed record SignDriver(SensitivityParameter Parameter, int Flips, int ToNegativeByRaising)
{
    /// <summary>Whether raising it is what mostly turns the contrast negative.</summary>
    public bool RaisingTurnsNegative => 2 * ToNegativeByRaising >= Flips;
}

/// <summary>One varied parameter's effect on a contrast: Morris's screening measures and, where asked for, its Sobol indices.</summary>
public sealed record ParameterEffect(SensitivityParameter Parameter, MorrisEffect Morris, SobolIndex? Sobol);

/// <summary>
/// What a sensitivity study found for one contrast (a stack against the reference) at one base point: the contrast's and each
/// stack's headline distribution over the samples, and each parameter's effect, ranked by μ*.
/// </summary>
/// <param name="Over">Which samples the distributions are over: Morris's, where every parameter moves (Saltelli's rows hold the others at their defaults).</param>
/// <param name="Samples">The contrast at each sample the distributions are over (NaN where a run failed).</param>
/// <param name="SignDrivers">The parameters whose single moves took the contrast across zero, most flips first (none when no step did).</param>
/// <param name="Failed">Samples without a contrast because a run of either stack failed.</param>
/// <param name="Undefined">Samples whose runs succeeded but whose contrast is undefined: a log-ratio against a reference of 0.</param>
public sealed record ContrastStudy(SensitivityStudy Study, string Stack, string Reference, ContrastMeasure Measure, SampleDistribution? Contrast,
    SampleDistribution? StackHeadline, SampleDistribution? ReferenceHeadline, string Over, IReadOnlyList<double> Samples, IReadOnlyList<ParameterEffect> Effects,
    IReadOnlyList<SignDriver> SignDrivers, int Failed, int Undefined)
{
    /// <summary>" at interconnect = polled, profile = io": the base point, or nothing for a study without a sweep.</summary>
    public string At => Study.Base.Count == 0 ? "" : " at " + string.Join(", ", Study.Base.Select(b => $"{b.Key} = {b.Value}"));

    /// <summary>The parameters ranked first, by μ*, with an effect above zero.</summary>
    public IEnumerable<ParameterEffect> Leading(int count) => Effects.Where(e => e.Morris.MuStar > 0).Take(count);
}

/// <summary>
/// Analyses a sensitivity scenario from its summary rows alone (so <c>nodesim plot</c> redraws it): at every sample, the
/// contrast of each stack with the reference is the mean of their paired per-replica differences (or the log of the ratio
/// of their means); Morris's elementary effects and Saltelli's estimators are computed on that scalar, never on the stacks'
/// own indices (which do not subtract).
/// </summary>
public static class SensitivityAnalysis
{
    /// <summary>Every (study, stack) contrast of <paramref name="scenario"/>, in study then stack order; empty for a scenario that is no study.</summary>
    public static IReadOnlyList<ContrastStudy> Of(ScenarioInfo scenario, IReadOnlyList<SummaryRow> rows, string metric)
    {
        if (scenario.Sensitivity is not { } plan || scenario.CompareTo is not { } reference) return [];
        var headline = rows.Where(r => r.Metric == metric).ToLookup(r => r.Stack);
        var result = new List<ContrastStudy>();
        foreach (var study in plan.Studies)
        {
            var morris = study.Morris();
            var saltelli = study.Saltelli();
            double[] Values(string stack, Func<SummaryRow, double> value)
            {
                var values = Enumerable.Repeat(double.NaN, study.Samples).ToArray();
                foreach (var row in headline[stack].Where(r => r.Point >= study.FirstPoint && r.Point < study.FirstPoint + study.Samples))
                    values[row.Point - study.FirstPoint] = value(row);
                return values;
            }
            var referenceMeans = Values(reference, r => r.Estimate.Mean);
            foreach (var stack in scenario.Stacks.Where(s => s != reference))
            {
                var contrast = Values(stack, r => Contrast(r, plan.Contrast));
                var ran = Values(stack, _ => 1).Zip(referenceMeans, (x, y) => double.IsFinite(x) && double.IsFinite(y)).ToArray();
                var means = Values(stack, r => r.Estimate.Mean);
                var morrisEffects = MorrisAnalysis.Analyze(morris, contrast[..study.MorrisSamples], RandomStream.DeriveSeed(study.Seed, $"morris-bootstrap:{stack}"),
                    (i, u) => study.Parameters[i].EffectiveU(u));
                IReadOnlyList<SobolIndex>? sobol = null;
                if (saltelli is not null && contrast[study.MorrisSamples..] is var outputs && outputs.All(double.IsFinite))
                    sobol = saltelli.Analyze(outputs, RandomStream.DeriveSeed(study.Seed, $"sobol-bootstrap:{stack}"));
                // The box is Morris's samples, where every parameter moves; Saltelli's rows move only the Sobol parameters.
                var box = Enumerable.Range(0, study.MorrisSamples).ToList();
                var over = $"the {study.MorrisSamples} samples of Morris's {study.Trajectories} trajectories, every parameter moving (a grid of {study.Levels} levels per parameter; joint corners are rare)";
                var sobolOf = study.SobolParameters.Select((name, s) => (name, s)).ToDictionary(x => x.name, x => x.s);
                var effects = study.Parameters.Select((p, i) => new ParameterEffect(p, morrisEffects[i],
                    sobol is not null && sobolOf.TryGetValue(p.Name, out var s) ? sobol[s] : null));
                result.Add(new ContrastStudy(study, stack, reference, plan.Contrast,
                    SampleDistribution.Of(box.Select(i => contrast[i])), SampleDistribution.Of(box.Select(i => means[i])),
                    SampleDistribution.Of(box.Select(i => referenceMeans[i])), over, [.. box.Select(i => contrast[i])],
                    [.. effects.OrderByDescending(e => double.IsNaN(e.Morris.MuStar) ? -1 : e.Morris.MuStar)],
                    SignDrivers(study, morris, contrast),
                    ran.Count(r => !r), Enumerable.Range(0, study.Samples).Count(i => ran[i] && !double.IsFinite(contrast[i]))));
            }
        }
        return result;
    }

    /// <summary>The parameters whose single moves in Morris's trajectories took the contrast across zero, most flips first.</summary>
    private static IReadOnlyList<SignDriver> SignDrivers(SensitivityStudy study, MorrisDesign morris, double[] contrast)
    {
        var k = study.Parameters.Count;
        var (flips, raising) = (new int[k], new int[k]);
        for (var t = 0; t < study.Trajectories; t++)
            for (var step = 0; step < k; step++)
            {
                var (before, after) = (t * (k + 1) + step, t * (k + 1) + step + 1);
                if (!(contrast[before] * contrast[after] < 0)) continue;
                var i = morris.Moved[t][step];
                flips[i]++;
                if (morris.Points[after][i] > morris.Points[before][i] == contrast[after] < 0) raising[i]++;
            }
        return [.. Enumerable.Range(0, k).Where(i => flips[i] > 0).OrderByDescending(i => flips[i])
            .Select(i => new SignDriver(study.Parameters[i], flips[i], raising[i]))];
    }

    /// <summary>A sample's contrast from the stack's summary row: its paired difference with the reference, or the log of their means' ratio.</summary>
    private static double Contrast(SummaryRow row, ContrastMeasure measure) => row.Against is not { } against ? double.NaN : measure switch
    {
        ContrastMeasure.Difference => against.Difference.Mean,
        ContrastMeasure.LogRatio => against.Ratio.Ratio > 0 ? Math.Log(against.Ratio.Ratio) : double.NaN,
    };
}
