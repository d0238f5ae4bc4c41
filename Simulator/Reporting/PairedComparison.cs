using MathNet.Numerics.Distributions;
using MathNet.Numerics.Statistics;

namespace NodeSim.Reporting;

/// <summary>
/// A ratio of two means with its Student-t confidence interval (delta method). With one pair, or a
/// reference mean of zero, the interval — and with the latter the ratio — is undefined (NaN).
/// </summary>
public readonly record struct RatioEstimate(double Ratio, double Low, double High);

/// <summary>
/// A stack's metric against a reference stack's over the replicas both ran (the same seeds, so the
/// same random numbers wherever the stacks share a mechanism): the mean of the per-replica
/// differences with its Student-t interval, and the ratio of the means with its delta-method
/// interval. Pairing removes the variance the two runs of a replica share, so the interval is the
/// one the difference has, not the one two independent means would give.
/// </summary>
/// <param name="Reference">The stack compared against (<c>compare_to</c>).</param>
/// <param name="Pairs">The replicas that both stacks ran successfully.</param>
public sealed record PairedComparison(string Reference, int Pairs, MeanEstimate Difference, RatioEstimate Ratio)
{
    /// <summary>The comparison of <paramref name="values"/> with <paramref name="reference"/>, index by index (one replica each); null without a pair.</summary>
    public static PairedComparison? Of(string referenceStack, IReadOnlyList<double> values, IReadOnlyList<double> reference, double level = 0.95)
    {
        if (values.Count != reference.Count) throw new ArgumentException("paired samples differ in length", nameof(reference));
        var n = values.Count;
        if (n == 0) return null;
        var difference = MeanEstimate.Of([.. values.Zip(reference, (x, y) => x - y)], level);
        var (meanX, meanY) = (values.Mean(), reference.Mean());
        var ratio = meanX / meanY;
        if (meanY == 0 || n == 1 || !double.IsFinite(ratio))
            return new PairedComparison(referenceStack, n, difference, new RatioEstimate(meanY == 0 ? double.NaN : ratio, double.NaN, double.NaN));
        // The ratio estimator's standard error: the spread of the residuals x − R·y (mean zero by construction) over √n·|ȳ|;
        // the pairs' covariance enters through the residuals (the ratio estimator; Cochran, Sampling Techniques, 3rd ed., 1977, ch. 6).
        var residualSd = values.Zip(reference, (x, y) => x - ratio * y).StandardDeviation();
        var half = StudentT.InvCDF(0, 1, n - 1, 1 - (1 - level) / 2) * residualSd / (Math.Sqrt(n) * Math.Abs(meanY));
        return new PairedComparison(referenceStack, n, difference, new RatioEstimate(ratio, ratio - half, ratio + half));
    }

    /// <summary>
    /// A stack's comparison with <paramref name="referenceStack"/> at one point, for one metric, from each one's values by
    /// replica: a replica either lacks (e.g. a failed run) leaves its pair out.
    /// </summary>
    public static PairedComparison? Of(string referenceStack, IReadOnlyDictionary<int, double> byReplica, IReadOnlyDictionary<int, double> referenceByReplica)
    {
        var replicas = byReplica.Keys.Where(referenceByReplica.ContainsKey).Order().ToList();
        return Of(referenceStack, [.. replicas.Select(r => byReplica[r])], [.. replicas.Select(r => referenceByReplica[r])]);
    }
}
