using NodeSim.Models;
using MathNet.Numerics.Distributions;
using NodeSim.Kernel;
using NodeSim.Traces.Swf;

namespace NodeSim.Traces.Synthetic;

/// <summary>
/// Parameters of <see cref="HpcWorkloadModel"/>. Unless noted, each default was fitted to the
/// Lublin-1 trace (lublin_256.swf, 10,000 jobs, 256 nodes; the RLScheduler artifact's copy of an
/// output of the Lublin–Feitelson 2003 model); the fit is described on each parameter.
/// </summary>
/// <param name="Jobs">Jobs to generate.</param>
/// <param name="Nodes">Machine size in nodes (one processor per node), the largest job size.</param>
/// <param name="Seed">Root seed; sizes, run times and arrivals each draw from their own stream.</param>
/// <param name="Load">Offered load: total work / (span × nodes). A choice, not a fit: Lublin-1 offers 1.06,
/// which makes queues grow without bound; 0.85 is a busy but stable machine.</param>
/// <param name="SerialProbability">P(job is serial). Lublin-1: 0.249.</param>
/// <param name="PowerOfTwoProbability">P(a parallel job's log2 size is rounded to a whole number). 0.78 makes 81.5% of
/// parallel sizes powers of two, as in Lublin-1 (some unrounded sizes are powers of two by chance).</param>
/// <param name="SizeLowLog2">Smallest log2 size of a parallel job. Lublin-1: 1 (2 processors).</param>
/// <param name="SizeMiddleBelowTop">The two-stage split sits this far below log2(Nodes). Lublin-1 (256 nodes): 86% of parallel jobs at or below 2^5.5.</param>
/// <param name="SizeLowerStageProbability">P(log2 size falls in the lower stage). Lublin-1: 0.86.</param>
/// <param name="ShortLogMean">Mean of ln(run time / s) of short jobs. Lublin-1, jobs under 30 min: 3.65 (≈ 38 s).</param>
/// <param name="ShortLogStdDev">Standard deviation of ln(run time) of short jobs. Lublin-1: 1.60.</param>
/// <param name="LongLogMean">Mean of ln(run time) of long jobs. Lublin-1, jobs of 30 min or more: 9.30 (≈ 3 h).</param>
/// <param name="LongLogStdDev">Standard deviation of ln(run time) of long jobs. Lublin-1: 0.63.</param>
/// <param name="ShortIntercept">P(short) = intercept + slope · log2(size), clamped to [0, 1]. Lublin-1 least-squares fit over sizes: 0.806.</param>
/// <param name="ShortSlope">Lublin-1 fit: −0.0608 per doubling of size (larger jobs run longer).</param>
/// <param name="ArrivalLogSigma">Gaps between arrivals, before the daily cycle, are log-normal: the standard deviation
/// of ln(gap) (their median is set by the load). Lublin-1: 1.7 reproduces its gaps' quantiles — p10/p25/p50/p75/p90
/// 13/37/122/405/1,225 s against 18/41/116/366/1,270 s (mean of 5 seeds at load 1.06). Lublin and Feitelson also draw
/// ln(gap), from a gamma capped at 13; a gamma fitted to the gaps themselves by their coefficient of variation (4.7)
/// would put most gaps at 0 s.</param>
public sealed record HpcWorkloadParameters(
    int Jobs = 10_000,
    int Nodes = 256,
    ulong Seed = 1,
    double Load = 0.85,
    double SerialProbability = 0.25,
    double PowerOfTwoProbability = 0.78,
    double SizeLowLog2 = 1.0,
    double SizeMiddleBelowTop = 2.5,
    double SizeLowerStageProbability = 0.86,
    double ShortLogMean = 3.65,
    double ShortLogStdDev = 1.60,
    double LongLogMean = 9.30,
    double LongLogStdDev = 0.63,
    double ShortIntercept = 0.806,
    double ShortSlope = -0.0608,
    double ArrivalLogSigma = 1.7)
{
    /// <summary>
    /// Relative arrival rate in each hour of the day (mean 1). Lublin-1's arrivals by hour of day:
    /// few at night, a peak around noon.
    /// </summary>
    public static readonly double[] HourlyRate =
    [
        0.33, 0.36, 0.28, 0.21, 0.20, 0.36, 0.56, 0.81, 1.01, 1.25, 1.40, 1.82,
        2.12, 1.81, 1.67, 1.85, 1.66, 1.26, 1.14, 0.99, 1.03, 0.72, 0.62, 0.54,
    ];

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first parameter out of its range.</summary>
    public void Validate()
    {
        Require(Jobs >= 1, nameof(Jobs), Jobs, "at least 1");
        Require(Nodes >= 2, nameof(Nodes), Nodes, "at least 2");
        Require(Load is > 0 and <= 10, nameof(Load), Load, "in (0, 10]");
        Require(SerialProbability is >= 0 and <= 1, nameof(SerialProbability), SerialProbability, "in [0, 1]");
        Require(PowerOfTwoProbability is >= 0 and <= 1, nameof(PowerOfTwoProbability), PowerOfTwoProbability, "in [0, 1]");
        Require(SizeLowerStageProbability is >= 0 and <= 1, nameof(SizeLowerStageProbability), SizeLowerStageProbability, "in [0, 1]");
        Require(SizeLowLog2 >= 0 && SizeLowLog2 <= Math.Log2(Nodes), nameof(SizeLowLog2), SizeLowLog2, "between 0 and log2(nodes)");
        Require(ShortLogStdDev > 0 && LongLogStdDev > 0, nameof(ShortLogStdDev), ShortLogStdDev, "positive");
        Require(ArrivalLogSigma is >= 0 and <= 5, nameof(ArrivalLogSigma), ArrivalLogSigma, "in [0, 5]");
    }

    private static void Require(bool ok, string name, object value, string expected)
    {
        if (!ok) throw new ArgumentOutOfRangeException(name, value, $"{name} must be {expected}");
    }
}

/// <summary>
/// A synthetic workload of rigid HPC batch jobs with the three properties that matter to batch
/// scheduling: daily-cycle bursty arrivals, power-of-two-biased sizes and heavy-tailed, bimodal run
/// times that grow with size. Its structure follows Lublin and Feitelson (JPDC 2003) — serial
/// jobs plus a two-stage log-uniform size, a two-component run-time mixture whose weight depends on
/// size, gaps whose logarithm is spread around a median under a daily cycle — with simpler
/// components (log-normal run-time mixture instead of hyper-gamma, log-normal instead of
/// log-gamma gaps, an hourly rate profile instead of their cycle model) fitted to
/// Lublin-1 (see <see cref="HpcWorkloadParameters"/>). It is not their generator.
/// </summary>
public static class HpcWorkloadModel
{
    public static IEnumerable<SwfJob> Generate(HpcWorkloadParameters p)
    {
        p.Validate();
        var sizes = new RandomStream(RandomStream.DeriveSeed(p.Seed, "hpc.sizes"));
        var runs = new RandomStream(RandomStream.DeriveSeed(p.Seed, "hpc.runtimes"));
        var gaps = new RandomStream(RandomStream.DeriveSeed(p.Seed, "hpc.arrivals"));

        var size = new int[p.Jobs];
        var run = new double[p.Jobs];
        double work = 0;
        for (var i = 0; i < p.Jobs; i++)
        {
            size[i] = Size(p, sizes);
            run[i] = RunTime(p, runs, size[i]);
            work += run[i] * size[i];
        }

        // Gaps are drawn in "cycle time", in which the daily profile is flat, then mapped to the
        // clock. Heavy-tailed gaps make their sum vary a lot, so they are scaled to span exactly the time
        // in which the workload offers p.Load; the first job comes at time 0.
        var gap = new double[p.Jobs];
        double total = 0;
        for (var i = 1; i < p.Jobs; i++) total += gap[i] = Math.Exp(Normal.Sample(gaps, 0, p.ArrivalLogSigma));
        var scale = total > 0 ? work / (p.Load * p.Nodes) / total : 0;
        double cycleTime = 0;
        for (var i = 0; i < p.Jobs; i++)
        {
            cycleTime += gap[i] * scale;
            var submit = Math.Round(ClockTime(cycleTime));
            yield return new SwfJob(i + 1, submit, null, run[i], size[i], null, null, null, null, null,
                1, null, null, null, 1, null, null, null);
        }
    }

    /// <summary>A job's size in processors (= nodes).</summary>
    private static int Size(HpcWorkloadParameters p, RandomStream r)
    {
        if (r.NextDouble() < p.SerialProbability) return 1;
        var top = Math.Log2(p.Nodes);
        var middle = Math.Max(p.SizeLowLog2, top - p.SizeMiddleBelowTop);
        var x = r.NextDouble() < p.SizeLowerStageProbability
            ? p.SizeLowLog2 + r.NextDouble() * (middle - p.SizeLowLog2)
            : middle + r.NextDouble() * (top - middle);
        if (r.NextDouble() < p.PowerOfTwoProbability) x = Math.Round(x);
        return (int)Math.Clamp(Math.Round(Math.Pow(2, x)), 2, p.Nodes);
    }

    /// <summary>A run time in whole seconds, from 1 s to 7 days.</summary>
    private static double RunTime(HpcWorkloadParameters p, RandomStream r, int size)
    {
        var shortProbability = Math.Clamp(p.ShortIntercept + p.ShortSlope * Math.Log2(size), 0, 1);
        var ln = r.NextDouble() < shortProbability
            ? Normal.Sample(r, p.ShortLogMean, p.ShortLogStdDev)
            : Normal.Sample(r, p.LongLogMean, p.LongLogStdDev);
        return Math.Clamp(Math.Round(Math.Exp(ln)), 1, 7 * 86_400);
    }

    /// <summary>
    /// The clock time at which <paramref name="cycleTime"/> seconds of "flat" time have passed:
    /// the inverse of the cumulative hourly rate profile (piecewise linear within each hour).
    /// </summary>
    public static double ClockTime(double cycleTime)
    {
        const double day = 86_400, hour = 3_600;
        var days = Math.Floor(cycleTime / day);
        var rest = cycleTime - days * day; // profile has mean 1, so one day of cycle time is one day
        var t = days * day;
        foreach (var rate in HpcWorkloadParameters.HourlyRate)
        {
            var capacity = rate * hour;
            if (rest <= capacity) return t + rest / rate;
            rest -= capacity;
            t += hour;
        }
        return t; // rounding at the very end of a day
    }
}
