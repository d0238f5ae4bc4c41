using NodeSim.Kernel;

namespace NodeSim.Engine.Sensitivity;

/// <summary>One parameter's elementary effects, summarised (Campolongo, Cariboni and Saltelli, EMS 2007, for μ*).</summary>
/// <param name="Mu">Mean effect: its sign says which way the parameter moves the output.</param>
/// <param name="MuStar">Mean absolute effect: the screening measure, effects of both signs counted.</param>
/// <param name="Sigma">Standard deviation of the effects (sample, r − 1): non-linearity or interactions.</param>
/// <param name="MuStarHalfWidth">95 % half-width of μ*, from resampling the effects (1.96 × their bootstrap SD, as SALib does).</param>
/// <param name="Effects">The effects measured: r, less those a failed run left out.</param>
public sealed record MorrisEffect(double Mu, double MuStar, double Sigma, double MuStarHalfWidth, int Effects);

/// <summary>Analyses a <see cref="MorrisDesign"/>'s outputs.</summary>
public static class MorrisAnalysis
{
    /// <summary>
    /// Each parameter's effects: (output where it is higher − output where it is lower) / Δ, in output units per its whole
    /// range (u in [0, 1]), so a linear model's effect is its coefficient × range, and a parameter the output does not
    /// depend on has effect 0 exactly.
    /// </summary>
    /// <param name="outputs">The model's output at each of the design's points, in order.</param>
    /// <param name="effective">
    /// Where a parameter's value at u really lies in [0, 1] (by default u itself): a whole-number parameter's rounded value lies off the grid,
    /// so its effect is divided by the step it really took, and a step that rounding cancelled gives no effect.
    /// </param>
    public static IReadOnlyList<MorrisEffect> Analyze(MorrisDesign design, IReadOnlyList<double> outputs, ulong seed, Func<int, double, double>? effective = null,
        int resamples = 1000)
    {
        effective ??= (_, u) => u;
        if (outputs.Count != design.Points.Count) throw new ArgumentException($"{design.Points.Count} outputs expected, got {outputs.Count}", nameof(outputs));
        var k = design.Parameters;
        var effects = Enumerable.Range(0, k).Select(_ => new List<double>(design.Trajectories)).ToArray();
        for (var t = 0; t < design.Trajectories; t++)
        {
            var first = t * (k + 1);
            for (var step = 0; step < k; step++)
            {
                var i = design.Moved[t][step];
                var (before, after) = (first + step, first + step + 1);
                var jump = effective(i, design.Points[after][i]) - effective(i, design.Points[before][i]);
                var change = outputs[after] - outputs[before];
                // A sample without an output (a failed run) leaves out the effects it takes part in.
                if (double.IsFinite(change) && jump != 0) effects[i].Add(change / jump);
            }
        }
        var random = new RandomStream(seed);
        return [.. effects.Select(e => Summarise([.. e], random, resamples))];
    }

    private static MorrisEffect Summarise(double[] effects, RandomStream random, int resamples)
    {
        if (effects.Length == 0) return new MorrisEffect(double.NaN, double.NaN, double.NaN, double.NaN, 0);
        var mu = effects.Average();
        var muStar = effects.Average(Math.Abs);
        var sigma = effects.Length < 2 ? double.NaN : Math.Sqrt(effects.Sum(e => (e - mu) * (e - mu)) / (effects.Length - 1));
        var means = new double[resamples];
        for (var b = 0; b < resamples; b++)
        {
            double sum = 0;
            for (var j = 0; j < effects.Length; j++) sum += Math.Abs(effects[random.Next(effects.Length)]);
            means[b] = sum / effects.Length;
        }
        var m = means.Average();
        var sd = Math.Sqrt(means.Sum(x => (x - m) * (x - m)) / Math.Max(1, resamples - 1));
        return new MorrisEffect(mu, muStar, sigma, 1.96 * sd, effects.Length);
    }
}
