using MathNet.Numerics.Statistics;

namespace NodeSim.Reporting.Sensitivity;

/// <summary>
/// A quantity's values over a sensitivity study's samples: its range, quantiles (R-7, as NumPy's default) and the share of
/// samples on each side of zero.
/// </summary>
/// <param name="Samples">The samples with a value.</param>
public sealed record SampleDistribution(int Samples, double Min, double P05, double P25, double Median, double P75, double P95, double Max,
    double ShareAbove, double ShareBelow)
{
    /// <summary>The distribution of the finite <paramref name="values"/>; null when none is.</summary>
    public static SampleDistribution? Of(IEnumerable<double> values)
    {
        var sorted = values.Where(double.IsFinite).Order().ToArray();
        if (sorted.Length == 0) return null;
        double Q(double p) => SortedArrayStatistics.QuantileCustom(sorted, p, QuantileDefinition.R7);
        return new SampleDistribution(sorted.Length, sorted[0], Q(0.05), Q(0.25), Q(0.5), Q(0.75), Q(0.95), sorted[^1],
            sorted.Count(v => v > 0) / (double)sorted.Length, sorted.Count(v => v < 0) / (double)sorted.Length);
    }
}
