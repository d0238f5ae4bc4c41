using MathNet.Numerics.Statistics;

namespace NodeSim.Engine;

/// <summary>Mean, median and 95th percentile of a set of values (percentiles interpolate linearly, as NumPy's default).</summary>
public sealed record Distribution(double Mean, double Median, double P95, double Max)
{
    public static Distribution Of(IEnumerable<double> values)
    {
        var sorted = values.ToArray();
        if (sorted.Length == 0) return new Distribution(double.NaN, double.NaN, double.NaN, double.NaN);
        Array.Sort(sorted);
        return new Distribution(sorted.Average(), Quantile(sorted, 0.5), Quantile(sorted, 0.95), sorted[^1]);
    }

    /// <summary>The <paramref name="q"/>-quantile of ascending <paramref name="sorted"/> (Hyndman–Fan 7).</summary>
    public static double Quantile(double[] sorted, double q) => SortedArrayStatistics.QuantileCustom(sorted, q, QuantileDefinition.R7);
}
