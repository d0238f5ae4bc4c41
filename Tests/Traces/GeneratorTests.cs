using MathNet.Numerics.Distributions;
using NodeSim.Traces;
using NodeSim.Traces.Edge;
using NodeSim.Traces.Swf;
using NodeSim.Traces.Synthetic;
using NodeSim.Traces.Sources;

namespace NodeSim.Tests.Traces;

public class GeneratorTests
{
    private static List<SwfJob> Hpc(HpcWorkloadParameters p) => HpcWorkloadModel.Generate(p).ToList();

    private static double OfferedLoad(List<SwfJob> jobs, int nodes) =>
        jobs.Sum(j => j.RunTime!.Value * j.Processors!.Value) / ((jobs[^1].SubmitTime - jobs[0].SubmitTime) * nodes);

    [Test]
    public void TheSameSeedGivesTheSameWorkloadAndAnotherSeedAnother()
    {
        var p = new HpcWorkloadParameters(Jobs: 2000, Seed: 5);
        var first = Hpc(p);
        var again = Hpc(p);
        Assert.That(again, Is.EqualTo(first));
        Assert.That(Hpc(p with { Seed = 6 }), Is.Not.EqualTo(first));
        var e = new EdgeWorkloadParameters(Requests: 500, Arrivals: EdgeArrivalProcess.Mmpp);
        var edge = EdgeWorkloadModel.Generate(e).ToList();
        Assert.That(EdgeWorkloadModel.Generate(e).ToList(), Is.EqualTo(edge));
    }

    [TestCase(0.5)]
    [TestCase(0.85)]
    [TestCase(1.2)]
    public void TheOfferedLoadComesOutAsAsked(double load)
    {
        var jobs = Hpc(new HpcWorkloadParameters(Jobs: 20_000, Nodes: 128, Load: load, Seed: 3));
        Assert.That(OfferedLoad(jobs, 128), Is.EqualTo(load).Within(0.05 * load));
        Assert.That(jobs.Zip(jobs.Skip(1)).All(p => p.First.SubmitTime <= p.Second.SubmitTime), Is.True, "submit order");
        Assert.That(jobs.All(j => j.Processors is >= 1 and <= 128 && j.RunTime >= 1), Is.True);
    }

    [Test]
    public void ArrivalsFollowTheDailyCycle()
    {
        var jobs = Hpc(new HpcWorkloadParameters(Jobs: 30_000, Seed: 4, ArrivalLogSigma: 0));
        var byHour = new double[24];
        foreach (var j in jobs) byHour[(int)(j.SubmitTime % 86_400 / 3_600)]++;
        var mean = byHour.Average();
        // Night hours get far fewer arrivals than midday, in the profile's proportion.
        Assert.That(byHour[12] / mean, Is.EqualTo(HpcWorkloadParameters.HourlyRate[12]).Within(0.15));
        Assert.That(byHour[4] / mean, Is.EqualTo(HpcWorkloadParameters.HourlyRate[4]).Within(0.1));
        Assert.That(HpcWorkloadModel.ClockTime(86_400 * 2), Is.EqualTo(86_400 * 2).Within(1e-6), "a day of cycle time is a day");
    }

    [Test]
    public void TheHpcModelMatchesLublin1()
    {
        // The defaults were fitted to Lublin-1; at Lublin-1's load the generated workload should
        // share its distributions (a check against a trace nobody here wrote).
        var lublin = SwfReader.ReadAll(SharedTraces.Require("lublin_256.swf.gz")).Jobs;
        var gen = Hpc(new HpcWorkloadParameters(Jobs: 10_000, Nodes: 256, Load: 1.06, Seed: 1));
        static double Serial(List<SwfJob> j) => j.Count(x => x.Processors == 1) / (double)j.Count;
        static double Pow2(List<SwfJob> j) { var p = j.Where(x => x.Processors > 1).ToList(); return p.Count(x => (x.Processors & (x.Processors - 1)) == 0) / (double)p.Count; }
        static double Long(List<SwfJob> j) => j.Count(x => x.RunTime >= 1800) / (double)j.Count;
        static double MedianRun(List<SwfJob> j) => j.Select(x => x.RunTime!.Value).Order().ElementAt(j.Count / 2);
        static double MedianSize(List<SwfJob> j) => j.Select(x => (double)x.Processors!.Value).Order().ElementAt(j.Count / 2);
        Assert.That(Serial(gen), Is.EqualTo(Serial(lublin)).Within(0.02));
        Assert.That(Pow2(gen), Is.EqualTo(Pow2(lublin)).Within(0.03));
        Assert.That(Long(gen), Is.EqualTo(Long(lublin)).Within(0.03));
        Assert.That(MedianRun(gen) / MedianRun(lublin), Is.InRange(0.7, 1.4));
        Assert.That(MedianSize(gen), Is.EqualTo(MedianSize(lublin)).Within(2));
        Assert.That(OfferedLoad(gen, 256), Is.EqualTo(OfferedLoad(lublin, 256)).Within(0.06));
        // Gaps between arrivals: the same spread, not just the same mean (a shape fitted to the
        // coefficient of variation alone once put more than half of them at 0 s).
        static double[] Gaps(List<SwfJob> j) => j.Zip(j.Skip(1), (a, b) => b.SubmitTime - a.SubmitTime).Order().ToArray();
        var (g, l) = (Gaps(gen), Gaps(lublin));
        foreach (var q in new[] { 0.25, 0.5, 0.75, 0.9 })
            Assert.That(g[(int)(q * g.Length)] / l[(int)(q * l.Length)], Is.InRange(0.7, 1.4), $"gap quantile {q}");
        Assert.That(g.Count(x => x == 0) / (double)g.Length, Is.LessThan(0.01), "simultaneous arrivals");
    }

    [Test]
    public void EdgeArrivalsHaveTheirRatesAndServiceItsMedian()
    {
        var poisson = EdgeWorkloadModel.Generate(new EdgeWorkloadParameters(Requests: 50_000, Rate: 4)).ToList();
        Assert.That(poisson.Count / poisson[^1].ArrivalSeconds, Is.EqualTo(4).Within(0.1));
        var services = poisson.Select(r => r.ServiceSeconds!.Value).Order().ToList();
        // service_median_seconds is the truncated log-normal's median: where the CDF reaches half its value at the maximum.
        var d = new EdgeWorkloadParameters();
        var mu = EdgeWorkloadParameters.TruncatedLogNormalMu(d.ServiceMedianSeconds, d.ServiceLogStdDev, d.ServiceMaxSeconds);
        var median = Math.Exp(Normal.InvCDF(mu, d.ServiceLogStdDev, Normal.CDF(mu, d.ServiceLogStdDev, Math.Log(d.ServiceMaxSeconds)) / 2));
        Assert.That(median, Is.EqualTo(d.ServiceMedianSeconds).Within(1e-9 * median));
        Assert.That(services[services.Count / 2], Is.EqualTo(median).Within(0.06 * median));
        Assert.That(services[^1], Is.LessThanOrEqualTo(d.ServiceMaxSeconds));

        var p = new EdgeWorkloadParameters(Requests: 100_000, Arrivals: EdgeArrivalProcess.Mmpp);
        var mmpp = EdgeWorkloadModel.Generate(p).ToList();
        Assert.That(mmpp.Count / mmpp[^1].ArrivalSeconds, Is.EqualTo(p.MeanRate).Within(0.1 * p.MeanRate));
        // Bursty: the variance of counts in 10-s windows far exceeds a Poisson process's (index of dispersion ≫ 1).
        var counts = mmpp.GroupBy(r => (int)(r.ArrivalSeconds / 10)).Select(g => (double)g.Count()).ToList();
        var mean = counts.Average();
        Assert.That(counts.Sum(c => (c - mean) * (c - mean)) / (counts.Count - 1) / mean, Is.GreaterThan(10));
    }

    [Test]
    public void TheEdgeServiceModelMatchesTheAzureFunctionsExcerpt()
    {
        // The service defaults were fitted to this excerpt's quantiles; the generated times should
        // share its spread, its mean and its ceiling (a check against a trace nobody here wrote).
        var excerpt = CsvTraceReader.Read(SharedTraces.Require("azure-functions-2021-excerpt199.csv.gz")).Requests
            .Select(r => r.ServiceSeconds!.Value).Order().ToList();
        var generated = EdgeWorkloadModel.Generate(new EdgeWorkloadParameters(Requests: 50_000)).Select(r => r.ServiceSeconds!.Value).Order().ToList();
        static double Quantile(List<double> sorted, double p) => sorted[(int)(p * (sorted.Count - 1))];
        foreach (var p in new[] { 0.25, 0.5, 0.75, 0.9 })
        {
            var ratio = Quantile(generated, p) / Quantile(excerpt, p);
            Assert.That(ratio, Is.InRange(0.5, 2.0), $"quantile {p}: generated {Quantile(generated, p):G3} s, excerpt {Quantile(excerpt, p):G3} s");
        }
        Assert.That(generated.Average() / excerpt.Average(), Is.InRange(0.7, 1.3), "mean service time");
        Assert.That(generated[^1], Is.LessThanOrEqualTo(600).And.GreaterThan(excerpt[^1]), "the longest: under the timeout, beyond the excerpt's");
    }

    [Test]
    public void GeneratorSpecsParseWithClearErrors()
    {
        var hpc = (WorkloadSource.Hpc)WorkloadSource.Parse("synthetic:hpc?jobs=500&nodes=64&seed=9&serial_probability=0.5");
        Assert.That(hpc.Parameters, Is.EqualTo(new HpcWorkloadParameters(Jobs: 500, Nodes: 64, Seed: 9, SerialProbability: 0.5)));
        var edge = (WorkloadSource.Edge)WorkloadSource.Parse("synthetic:edge?arrivals=mmpp&requests=10");
        Assert.That(edge.Parameters.Arrivals, Is.EqualTo(EdgeArrivalProcess.Mmpp));
        Assert.That(WorkloadSource.Parse("traces/x.swf"), Is.EqualTo(new WorkloadSource.File("traces/x.swf")));

        Assert.That(Assert.Throws<UserInputException>(() => WorkloadSource.Parse("synthetic:hpc?jobz=5"))!.Message,
            Does.StartWith("'synthetic:hpc?jobz=5': unknown parameter 'jobz' (did you mean 'jobs'?); choose from: jobs, nodes, seed, load"));
        Assert.That(Assert.Throws<UserInputException>(() => WorkloadSource.Parse("synthetic:lublin?jobs=5"))!.Message,
            Is.EqualTo("'synthetic:lublin?jobs=5': unknown generator 'lublin'; choose from: hpc, edge"));
        Assert.That(Assert.Throws<UserInputException>(() => WorkloadSource.Parse("synthetic:hpc?load=x"))!.Message,
            Is.EqualTo("'synthetic:hpc?load=x': 'load' = 'x' is not valid; expected a number"));
        Assert.That(Assert.Throws<UserInputException>(() => WorkloadSource.Parse("synthetic:hpc?serial_probability=1.5"))!.Message,
            Is.EqualTo("'synthetic:hpc?serial_probability=1.5': 'serial_probability' = '1.5' is outside its range; expected 0 to 1"));
        Assert.That(Assert.Throws<UserInputException>(() => WorkloadSource.Parse("synthetic:hpc?nodes=4&size_low_log2=3"))!.Message,
            Is.EqualTo("'synthetic:hpc?nodes=4&size_low_log2=3': size_low_log2 = 3 is above log2(nodes) = 2"));
        Assert.That(Assert.Throws<UserInputException>(() => WorkloadSource.Parse("synthetic:edge?arrivals=burst"))!.Message,
            Is.EqualTo("'synthetic:edge?arrivals=burst': 'arrivals' = 'burst' is not valid; expected one of poisson, mmpp"));
    }
}

public class StreamedGeneratorTests
{
    /// <summary>
    /// The HPC generator streams its jobs (two passes over the same seeded streams) instead of holding
    /// them: the trace it writes is byte for byte the one the array-holding generator wrote before
    /// (SHA-256 of `trace generate 'synthetic:hpc?jobs=2000&amp;nodes=64&amp;seed=3'` at commit 1e53037).
    /// </summary>
    [Test]
    public void StreamingKeptEveryJobAsItWas()
    {
        using var dir = new TempDir();
        var path = Path.Combine(dir.Path, "g.swf");
        var r = NodeSim.Tests.Cli.NodeSimInProcess.Run("trace", "generate", "synthetic:hpc?jobs=2000&nodes=64&seed=3", "--out", path);
        Assert.That(r.ExitCode, Is.Zero, r.Stderr);
        var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(path)));
        Assert.That(hash, Is.EqualTo("7afac3793d9a710513d2d4abb6d7f8346fe30a3253f0cf0a581a3b68f22decdf"));
    }
}
