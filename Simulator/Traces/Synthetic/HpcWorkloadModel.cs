using NodeSim.Models;
using NodeSim.Models.Parameters;
using MathNet.Numerics.Distributions;
using NodeSim.Kernel;
using NodeSim.Traces.Swf;
using System.Globalization;

namespace NodeSim.Traces.Synthetic;

/// <summary>
/// Parameters of <see cref="HpcWorkloadModel"/> (<c>synthetic:hpc?name=value&amp;…</c>). Unless noted,
/// each default was fitted to the Lublin-1 trace (lublin_256.swf, 10,000 jobs, 256 nodes; the
/// RLScheduler artifact's copy of an output of the Lublin–Feitelson 2003 model). What each is:
/// <see cref="Catalogue"/>; its default's fit or source: <see cref="Defaults"/>.
/// </summary>
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
    double ArrivalLogSigma = 1.7) : IParameterized
{
    public static ParameterSet Catalogue { get; } = ParameterSet.For<HpcWorkloadParameters>("HPC workload generator")
        .Integer("jobs", "jobs", 1, 10_000_000, "jobs to generate (generated as a stream; a replay holds its jobs in memory, ~100 B each)", p => p.Jobs, (p, v) => p with { Jobs = (int)v })
        .Integer("nodes", "nodes", 2, 10_000_000, "machine size in nodes (one processor per node), the largest job size", p => p.Nodes, (p, v) => p with { Nodes = (int)v })
        .Unsigned("seed", "root seed; sizes, run times and arrivals each draw from their own stream", p => p.Seed, (p, v) => p with { Seed = v })
        .Number("load", "1", 1e-6, 10, "offered load: total work / (span × nodes)", p => p.Load, (p, v) => p with { Load = v })
        .Number("serial_probability", "1", 0, 1, "P(job is serial)", p => p.SerialProbability, (p, v) => p with { SerialProbability = v })
        .Number("power_of_two_probability", "1", 0, 1, "P(a parallel job's log2 size is rounded to a whole number)",
            p => p.PowerOfTwoProbability, (p, v) => p with { PowerOfTwoProbability = v })
        .Number("size_low_log2", "1", 0, 30, "smallest log2 size of a parallel job (at most log2 nodes)", p => p.SizeLowLog2, (p, v) => p with { SizeLowLog2 = v })
        .Number("size_middle_below_top", "1", 0, 30, "the two-stage size split sits this far below log2(nodes)",
            p => p.SizeMiddleBelowTop, (p, v) => p with { SizeMiddleBelowTop = v })
        .Number("size_lower_stage_probability", "1", 0, 1, "P(log2 size falls in the lower stage)",
            p => p.SizeLowerStageProbability, (p, v) => p with { SizeLowerStageProbability = v })
        .Number("short_log_mean", "ln s", -10, 20, "mean of ln(run time / s) of short jobs", p => p.ShortLogMean, (p, v) => p with { ShortLogMean = v })
        .Number("short_log_std_dev", "1", 1e-6, 10, "standard deviation of ln(run time) of short jobs", p => p.ShortLogStdDev, (p, v) => p with { ShortLogStdDev = v })
        .Number("long_log_mean", "ln s", -10, 20, "mean of ln(run time / s) of long jobs", p => p.LongLogMean, (p, v) => p with { LongLogMean = v })
        .Number("long_log_std_dev", "1", 1e-6, 10, "standard deviation of ln(run time) of long jobs", p => p.LongLogStdDev, (p, v) => p with { LongLogStdDev = v })
        .Number("short_intercept", "1", -10, 10, "P(short) = intercept + slope · log2(size), clamped to [0, 1]: the intercept",
            p => p.ShortIntercept, (p, v) => p with { ShortIntercept = v })
        .Number("short_slope", "1", -10, 10, "the slope of P(short) per doubling of size", p => p.ShortSlope, (p, v) => p with { ShortSlope = v })
        .Number("arrival_log_sigma", "1", 0, 5, "standard deviation of ln(gap between arrivals), before the daily cycle (the median gap is set by the load)",
            p => p.ArrivalLogSigma, (p, v) => p with { ArrivalLogSigma = v })
        .Build();

    public ParameterSet Parameters => Catalogue;

    /// <summary>The defaults and the fit or source of each.</summary>
    public static readonly Preset<HpcWorkloadParameters> Defaults = new("synthetic:hpc", "rigid HPC batch jobs fitted to Lublin-1", new HpcWorkloadParameters(),
        new Dictionary<string, Source>
        {
            ["jobs"] = Source.Cited("Lublin-1: 10,000 jobs"),
            ["nodes"] = Source.Cited("Lublin-1: 256 nodes"),
            ["seed"] = Source.Assume("any; a campaign replaces it per point and replica unless the spec gives one"),
            ["load"] = Source.Assume("a busy but stable machine: Lublin-1 offers 1.06, which makes queues grow without bound"),
            ["serial_probability"] = Source.Cited("Lublin-1: 0.249 of jobs are serial"),
            ["power_of_two_probability"] = Source.Cited("Lublin-1: 81.5% of parallel sizes are powers of two; 0.78 reproduces it (some unrounded sizes are powers of two by chance)"),
            ["size_low_log2"] = Source.Cited("Lublin-1: the smallest parallel job has 2 processors"),
            ["size_middle_below_top"] = Source.Cited("Lublin-1 (256 nodes): 86% of parallel jobs at or below 2^5.5"),
            ["size_lower_stage_probability"] = Source.Cited("Lublin-1: 0.86"),
            ["short_log_mean"] = Source.Cited("Lublin-1, jobs under 30 min: mean ln(run time) 3.65 (≈ 38 s)"),
            ["short_log_std_dev"] = Source.Cited("Lublin-1, jobs under 30 min: 1.60"),
            ["long_log_mean"] = Source.Cited("Lublin-1, jobs of 30 min or more: 9.30 (≈ 3 h)"),
            ["long_log_std_dev"] = Source.Cited("Lublin-1, jobs of 30 min or more: 0.63"),
            ["short_intercept"] = Source.Cited("Lublin-1 least-squares fit of P(short) over sizes: 0.806"),
            ["short_slope"] = Source.Cited("Lublin-1 fit: −0.0608 per doubling of size (larger jobs run longer)"),
            ["arrival_log_sigma"] = Source.Cited("Lublin-1: σ = 1.7 reproduces its gaps' quantiles — p10/p25/p50/p75/p90 13/37/122/405/1,225 s against " +
                                                 "18/41/116/366/1,270 s (mean of 5 seeds at load 1.06); a gamma fitted to the gaps' coefficient of variation (4.7) would put most gaps at 0 s"),
        });

    /// <summary>
    /// Relative arrival rate in each hour of the day (mean 1). Lublin-1's arrivals by hour of day:
    /// few at night, a peak around noon.
    /// </summary>
    public static readonly double[] HourlyRate =
    [
        0.33, 0.36, 0.28, 0.21, 0.20, 0.36, 0.56, 0.81, 1.01, 1.25, 1.40, 1.82,
        2.12, 1.81, 1.67, 1.85, 1.66, 1.26, 1.14, 0.99, 1.03, 0.72, 0.62, 0.54,
    ];

    /// <summary>Throws <see cref="ParameterException"/> naming the first parameter out of its range.</summary>
    public void Validate()
    {
        Catalogue.Check(this);
        if (SizeLowLog2 > Math.Log2(Nodes))
            throw new ParameterException($"size_low_log2 = {SizeLowLog2} is above log2(nodes) = {Math.Log2(Nodes):G4}");
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
    /// <summary>
    /// The jobs, streamed: two passes over the same seeded streams (one to total the work and the
    /// gaps, one to emit), so memory does not grow with the number of jobs. The first pass runs
    /// before anything is returned, so a workload no reader would take is refused before a line of it is written.
    /// </summary>
    /// <exception cref="UserInputException">The jobs would span more than a trace may (<see cref="TraceFile.MaxSeconds"/>).</exception>
    public static IEnumerable<SwfJob> Generate(HpcWorkloadParameters p)
    {
        p.Validate();
        var (work, total) = Totals(p);
        // Gaps are drawn in "cycle time", in which the daily profile is flat, then mapped to the
        // clock. Heavy-tailed gaps make their sum vary a lot, so they are scaled to span exactly the time
        // in which the workload offers p.Load; the first job comes at time 0.
        var scale = total > 0 ? work / (p.Load * p.Nodes) / total : 0;
        // The reader refuses any time beyond what the simulator's clock can replay: so does the generator, from the same limit.
        var span = ClockTime(total * scale);
        if (span > TraceFile.MaxSeconds)
            throw new UserInputException(string.Create(CultureInfo.InvariantCulture,
                $"synthetic:hpc: {p.Jobs:N0} jobs on {p.Nodes:N0} nodes at load {p.Load:G4} arrive over {span / 86_400:N0} days, beyond the {TraceFile.MaxSeconds:N0} s (about 31 years) a trace may span, as the simulator's clock counts; give at most about {p.Jobs * (TraceFile.MaxSeconds / span):N0} jobs, more nodes or a higher load"));
        return Jobs(p, scale);
    }

    private static IEnumerable<SwfJob> Jobs(HpcWorkloadParameters p, double scale)
    {
        var (sizes, runs, gaps) = Streams(p);
        double cycleTime = 0;
        for (var i = 0; i < p.Jobs; i++)
        {
            var size = Size(p, sizes);
            var run = RunTime(p, runs, size);
            cycleTime += (i == 0 ? 0 : Gap(p, gaps)) * scale;
            var submit = Math.Round(ClockTime(cycleTime));
            yield return new SwfJob(i + 1, submit, null, run, size, null, null, null, null, null,
                1, null, null, null, 1, null, null, null);
        }
    }

    /// <summary>The first pass: total work (run time × size) and total gap, in the order the second pass draws them.</summary>
    private static (double Work, double Gaps) Totals(HpcWorkloadParameters p)
    {
        var (sizes, runs, gaps) = Streams(p);
        double work = 0, total = 0;
        for (var i = 0; i < p.Jobs; i++)
        {
            var size = Size(p, sizes);
            work += RunTime(p, runs, size) * size;
        }
        for (var i = 1; i < p.Jobs; i++) total += Gap(p, gaps);
        return (work, total);
    }

    /// <summary>Sizes, run times and arrivals each draw from their own stream of the generator's seed.</summary>
    private static (RandomStream Sizes, RandomStream Runs, RandomStream Gaps) Streams(HpcWorkloadParameters p) =>
        (new RandomStream(RandomStream.DeriveSeed(p.Seed, "hpc.sizes")), new RandomStream(RandomStream.DeriveSeed(p.Seed, "hpc.runtimes")),
         new RandomStream(RandomStream.DeriveSeed(p.Seed, "hpc.arrivals")));

    /// <summary>A gap between arrivals in cycle time, before scaling: log-normal around 1.</summary>
    private static double Gap(HpcWorkloadParameters p, RandomStream r) => Math.Exp(Normal.Sample(r, 0, p.ArrivalLogSigma));

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
