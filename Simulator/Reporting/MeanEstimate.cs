using MathNet.Numerics.Distributions;
using MathNet.Numerics.Statistics;

namespace NodeSim.Reporting;

/// <summary>
/// The mean of independent samples with its Student-t confidence interval. With one sample the
/// standard deviation and the interval are undefined (NaN).
/// </summary>
public readonly record struct MeanEstimate(int N, double Mean, double StdDev, double Low, double High)
{
    public double StandardError => StdDev / Math.Sqrt(N);

    public static MeanEstimate Of(IReadOnlyList<double> samples, double level = 0.95)
    {
        if (samples.Count == 0) throw new ArgumentException("no samples", nameof(samples));
        var n = samples.Count;
        var mean = samples.Mean();
        if (n == 1) return new MeanEstimate(1, mean, double.NaN, double.NaN, double.NaN);
        var sd = samples.StandardDeviation();
        var half = StudentT.InvCDF(0, 1, n - 1, 1 - (1 - level) / 2) * sd / Math.Sqrt(n);
        return new MeanEstimate(n, mean, sd, mean - half, mean + half);
    }
}
