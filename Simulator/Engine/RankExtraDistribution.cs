using NodeSim.Kernel;
using System.Numerics;
using MathNet.Numerics;
using MathNet.Numerics.Distributions;
using MathNet.Numerics.IntegralTransforms;
using NodeSim.Models;
using NodeSim.Models.Isolation;

namespace NodeSim.Engine;

/// <summary>
/// The distribution of what one rank loses in one interval beyond what every rank loses: an extra
/// event of each unsynchronized periodic source (with probability its fractional part) plus, for
/// each Poisson source, a compound-Poisson sum (events × fixed cost, plus a log-normal duration
/// per event). Built once per job window; then the slowest of R ranks is one draw by inversion,
/// whatever R and however many events each rank gets.
/// </summary>
/// <remarks>
/// <para>The Poisson part S is computed on a grid of N cells of width h by FFT: the transform of a
/// compound-Poisson sum is exp(Σ μ_q (φ_q − 1)), with μ_q the source's mean events per interval and
/// φ_q the transform of one event's cost, discretized by cell (mass in [(j − ½)h, (j + ½)h) at jh;
/// a fixed cost is split between its two cells so its mean is kept). Within a cell the mass is
/// spread evenly. The grid reaches past the mean by 14 standard deviations and past the longest
/// single event by a tail probability of 10⁻⁴/R, so the mass the transform folds back is
/// negligible against the tail probabilities (around 1/R) at which the slowest of R ranks is drawn.</para>
/// <para>The slowest rank X_max of R independent ranks has P(X_max ≤ x) = F(x)^R, so it is drawn as
/// the x where the survival function 1 − F(x) equals 1 − u^{1/R} (u uniform), found by binary
/// search in the survival function tabulated at the grid points, interpolating linearly between them.
/// Periodic extras take a few exact values v_m with probabilities p_m, so 1 − F(x) = Σ_m p_m P(S > x − v_m).</para>
/// </remarks>
internal sealed class RankExtraDistribution
{
    /// <summary>
    /// The mass beyond the grid's end, relative to the tail probabilities the slowest rank is drawn
    /// at (around 1/R): the transform folds it back onto the grid, where it is an error of that size.
    /// </summary>
    private const double TailBeyondGrid = 1e-4;

    /// <summary>Grid steps no coarser than this share of the slowest rank's typical extra.</summary>
    private const double Resolution = 0.01;

    private readonly double _h;
    private readonly double[] _mass;     // P(S in cell j)
    private readonly double[] _beyond;   // P(S in a cell above j)
    private readonly double[] _values;   // periodic extras: value of each combination
    private readonly double[] _probabilities;
    private readonly double[] _survival; // P(X > jh), down to 0 at the top of the grid

    private RankExtraDistribution(double h, double[] mass, double[] values, double[] probabilities)
    {
        _h = h;
        _mass = mass;
        _beyond = new double[mass.Length];
        for (var j = mass.Length - 2; j >= 0; j--) _beyond[j] = _beyond[j + 1] + mass[j + 1];
        _values = values;
        _probabilities = probabilities;
        _survival = new double[(int)Math.Ceiling(mass.Length + values.Max() / h) + 1];
        for (var j = 0; j < _survival.Length; j++) _survival[j] = Survival(j * h);
    }

    /// <summary>One Poisson source as the distribution sees it.</summary>
    /// <param name="MeanEvents">μ: mean events per rank and interval.</param>
    /// <param name="FixedSeconds">The fixed cost of each event.</param>
    /// <param name="DurationMedianSeconds">Median of each event's log-normal duration (0: none).</param>
    /// <param name="DurationLogSigma">σ of ln(duration).</param>
    public readonly record struct PoissonPart(double MeanEvents, double FixedSeconds, double DurationMedianSeconds, double DurationLogSigma)
    {
        public double MeanDuration => NoiseSource.Poisson.MeanDuration(DurationMedianSeconds, DurationLogSigma);

        /// <summary>E[(fixed + duration)²].</summary>
        public double SecondMoment => FixedSeconds * FixedSeconds + 2 * FixedSeconds * MeanDuration
            + (DurationMedianSeconds > 0 ? DurationMedianSeconds * DurationMedianSeconds * Math.Exp(2 * DurationLogSigma * DurationLogSigma) : 0);

        /// <summary>The longest one event lasts but with probability <paramref name="tail"/>.</summary>
        public double Longest(double tail) => FixedSeconds + (DurationMedianSeconds > 0
            ? DurationMedianSeconds * Math.Exp(-DurationLogSigma * Normal.InvCDF(0, 1, Math.Min(0.5, tail))) // −Φ⁻¹(t): exact for tiny t, unlike Φ⁻¹(1 − t)
            : 0);
    }

    /// <summary>
    /// The distribution for <paramref name="poisson"/> sources and periodic extras
    /// (<paramref name="values"/> with <paramref name="probabilities"/>), or null when a grid of at most
    /// 2¹⁶ cells cannot resolve the slowest of <paramref name="ranks"/> ranks (long heavy tails next to
    /// short events): the window then follows ranks one by one.
    /// </summary>
    public static RankExtraDistribution? TryCreate(IReadOnlyList<PoissonPart> poisson, double[] values, double[] probabilities, int ranks)
    {
        var parts = poisson.Where(p => p.MeanEvents > 0).ToList();
        if (parts.Count == 0) return null;
        var mean = parts.Sum(p => p.MeanEvents * (p.FixedSeconds + p.MeanDuration));
        var sd = Math.Sqrt(parts.Sum(p => p.MeanEvents * p.SecondMoment));
        var tail = TailBeyondGrid / ranks / parts.Sum(p => Math.Max(1, p.MeanEvents));
        var end = mean + 14 * sd + parts.Max(p => p.Longest(tail));
        if (!double.IsFinite(end)) return null;
        for (var n = 1 << 12; n <= 1 << 16; n <<= 2)
        {
            var h = end / (n - 1);
            var distribution = new RankExtraDistribution(h, CompoundPoisson(parts, n, h), values, probabilities);
            // The slowest rank's extra is typically near the (1 − 1/R) quantile: resolve it finely.
            if (h <= Resolution * distribution.Quantile(1.0 / ranks)) return distribution;
        }
        return null;
    }

    /// <summary>The mass of S in each of <paramref name="n"/> cells of width <paramref name="h"/>.</summary>
    private static double[] CompoundPoisson(List<PoissonPart> parts, int n, double h)
    {
        // Σ μ_q × (one event's cost, discretized): one transform serves all sources. The masses are
        // real, so a real transform does (half the work of a complex one); n + 2 holds its spectrum.
        var weighted = new double[n + 2];
        double totalMean = 0;
        foreach (var p in parts)
        {
            totalMean += p.MeanEvents;
            if (p.DurationMedianSeconds > 0)
            {
                var logMedian = Math.Log(p.DurationMedianSeconds);
                double Cdf(double x) => x <= p.FixedSeconds ? 0 : Normal.CDF(logMedian, p.DurationLogSigma, Math.Log(x - p.FixedSeconds));
                var below = Cdf(0.5 * h);
                weighted[0] += p.MeanEvents * below;
                for (var j = 1; j < n; j++)
                {
                    var upTo = Cdf((j + 0.5) * h);
                    weighted[j] += p.MeanEvents * (upTo - below);
                    below = upTo;
                }
            }
            else
            {
                var cell = p.FixedSeconds / h;
                var low = (int)Math.Floor(cell);
                var share = cell - low;
                weighted[low] += p.MeanEvents * (1 - share);
                if (share > 0) weighted[low + 1] += p.MeanEvents * share;
            }
        }
        Fourier.ForwardReal(weighted, n, FourierOptions.Matlab);
        for (var k = 0; k <= n / 2; k++)
        {
            var z = Complex.Exp(new Complex(weighted[2 * k] - totalMean, weighted[2 * k + 1]));
            weighted[2 * k] = z.Real;
            weighted[2 * k + 1] = z.Imaginary;
        }
        Fourier.InverseReal(weighted, n, FourierOptions.Matlab);
        // Rounding leaves tiny negative masses far out in the tail: they are noise.
        var mass = new double[n];
        for (var j = 0; j < n; j++) mass[j] = Math.Max(0, weighted[j]);
        return mass;
    }

    /// <summary>P(S > y), with each cell's mass spread evenly over the cell.</summary>
    private double PoissonSurvival(double y)
    {
        var cell = y / _h + 0.5;
        if (cell < 0) return 1;
        var j = (int)cell;
        if (j >= _mass.Length) return 0;
        return _beyond[j] + _mass[j] * (1 - (cell - j));
    }

    /// <summary>P(X > x): the chance that one rank loses more than <paramref name="x"/> seconds.</summary>
    public double Survival(double x)
    {
        double p = 0;
        for (var m = 0; m < _values.Length; m++) p += _probabilities[m] * PoissonSurvival(x - _values[m]);
        return p;
    }

    /// <summary>The x with P(X > x) = <paramref name="tail"/>, interpolated between grid points.</summary>
    public double Quantile(double tail)
    {
        var s = _survival;
        if (s[0] <= tail) return 0;
        // The last grid point still above the tail level (s falls from s[0] > tail to 0).
        int low = 0, high = s.Length - 1;
        while (high - low > 1)
        {
            var mid = (low + high) >> 1;
            if (s[mid] > tail) low = mid;
            else high = mid;
        }
        return (low + (s[low] - tail) / (s[low] - s[high])) * _h;
    }

    /// <summary>The extra of the slowest of <paramref name="ranks"/> independent ranks.</summary>
    public double SampleSlowest(RandomStream random, int ranks) =>
        // P(slowest ≤ x) = F(x)^R = u  ⇔  P(X > x) = 1 − u^{1/R}, computed without cancellation.
        Quantile(-SpecialFunctions.Expm1(Math.Log(1 - random.NextDouble()) / ranks));
}
