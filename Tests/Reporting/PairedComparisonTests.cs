using System.Globalization;
using MathNet.Numerics.Distributions;
using NodeSim.Reporting;
using NodeSim.Tests.Cli;

namespace NodeSim.Tests.Reporting;

/// <summary>
/// Paired comparisons: the difference's interval is Student's over the per-replica differences, the ratio's the ratio
/// estimator's; both cover the truth as often as they claim; and a campaign's <c>compare_to</c>, and the commands given
/// several stacks, report them from the same replicas.
/// </summary>
public class PairedComparisonTests
{
    [Test]
    public void TheIntervalsAreStudentsOverTheDifferencesAndTheRatioEstimators()
    {
        // x = [3, 5, 4, 6], y = [1, 2, 2, 3]: differences [2, 3, 2, 3], mean 2.5, sd √(1/3); t(0.975, 3) = 3.182446 (tables).
        var c = PairedComparison.Of("y", [3, 5, 4, 6], [1, 2, 2, 3])!;
        Assert.That(c.Pairs, Is.EqualTo(4));
        Assert.That(c.Difference.Mean, Is.EqualTo(2.5).Within(1e-12));
        Assert.That((c.Difference.High - c.Difference.Low) / 2, Is.EqualTo(3.182446 * Math.Sqrt(1.0 / 3) / 2).Within(1e-6));
        // R = 4.5 / 2 = 2.25; residuals x − R·y = [0.75, 0.5, −0.5, −0.75], sd √(1.625 / 3); se = sd / (√4 · 2).
        Assert.That(c.Ratio.Ratio, Is.EqualTo(2.25).Within(1e-12));
        Assert.That((c.Ratio.High - c.Ratio.Low) / 2, Is.EqualTo(3.182446 * Math.Sqrt(1.625 / 3) / 4).Within(1e-6));
    }

    [Test]
    public void AnExactMultipleHasNoSpreadAndAZeroReferenceNoRatio()
    {
        var c = PairedComparison.Of("y", [2, 4, 7], [1, 2, 3.5])!;
        Assert.That(c.Ratio.Ratio, Is.EqualTo(2).Within(1e-12));
        Assert.That(c.Ratio.High - c.Ratio.Low, Is.EqualTo(0).Within(1e-12));
        var zero = PairedComparison.Of("ideal", [0.5, 0.7], [0, 0])!;
        Assert.That(zero.Difference.Mean, Is.EqualTo(0.6).Within(1e-12));
        Assert.That(zero.Ratio.Ratio, Is.NaN, "no ratio to a mean of zero");
        Assert.That(PairedComparison.Of("y", [], []), Is.Null);
    }

    [Test]
    public void BothIntervalsCoverTheTruthAsOftenAsTheyClaim()
    {
        // Correlated pairs as common random numbers make them: y ~ N(10, 1), x = 1.5·y + N(0, 0.5²); E[x] − E[y] = 5, E[x] / E[y] = 1.5.
        var random = new Random(20261207);
        var (trials, n) = (4000, 8);
        var (differenceCovered, ratioCovered) = (0, 0);
        for (var t = 0; t < trials; t++)
        {
            var y = Enumerable.Range(0, n).Select(_ => Normal.Sample(random, 10, 1)).ToArray();
            var x = y.Select(v => 1.5 * v + Normal.Sample(random, 0, 0.5)).ToArray();
            var c = PairedComparison.Of("y", x, y)!;
            if (c.Difference.Low <= 5 && 5 <= c.Difference.High) differenceCovered++;
            if (c.Ratio.Low <= 1.5 && 1.5 <= c.Ratio.High) ratioCovered++;
        }
        // 95% nominal; the binomial's sd over 4,000 trials is 0.0034, so 0.935–0.965 is ±4.4 sd.
        Assert.That(differenceCovered / (double)trials, Is.InRange(0.935, 0.965));
        Assert.That(ratioCovered / (double)trials, Is.InRange(0.935, 0.965));
    }

    private const string Campaign = """
        campaign: paired
        seed: 5
        replications: 4
        scenarios:
          - name: bsp
            kind: job
            stacks: [native-linux, hafnium-linux, hafnium-kitten]
            compare_to: hafnium-linux
            profile: bsp-allreduce
            window_s: 0.5
            sweep:
              ranks: [16, 256]
        """;

    [Test]
    public void ACampaignsComparisonsAreThePairedReplicasDifferencesAndSurviveARedraw()
    {
        using var dir = new TempDir();
        var output = Path.Combine(dir.Path, "out");
        var r = NodeSimInProcess.Run("run", dir.File("paired.yaml", Campaign), "--out", output, "--workers", "2");
        Assert.That(r.ExitCode, Is.Zero, r.Stderr);
        var runs = Csv(Path.Combine(output, "runs.csv"));
        var summary = Csv(Path.Combine(output, "summary.csv")).Where(x => x["metric"] == "overhead_pct").ToList();
        double Value(string stack, string point, int replica) =>
            double.Parse(runs.Single(x => x["stack"] == stack && x["point"] == point && x["replica"] == $"{replica}")["overhead_pct"], CultureInfo.InvariantCulture);
        foreach (var row in summary)
        {
            if (row["stack"] == "hafnium-linux")
            {
                Assert.That(row["compare_to"], Is.Empty, "the reference is not compared with itself");
                continue;
            }
            Assert.That(row["compare_to"], Is.EqualTo("hafnium-linux"));
            Assert.That(row["pairs"], Is.EqualTo("4"));
            var differences = Enumerable.Range(0, 4).Select(i => Value(row["stack"], row["point"], i) - Value("hafnium-linux", row["point"], i)).ToList();
            Assert.That(double.Parse(row["difference"], CultureInfo.InvariantCulture), Is.EqualTo(differences.Average()).Within(1e-9));
            var ratio = Enumerable.Range(0, 4).Average(i => Value(row["stack"], row["point"], i)) / Enumerable.Range(0, 4).Average(i => Value("hafnium-linux", row["point"], i));
            Assert.That(double.Parse(row["ratio"], CultureInfo.InvariantCulture), Is.EqualTo(ratio).Within(1e-9));
        }
        // Linux's threads are the same events on bare metal and as Hafnium's primary (one random stream): the pairs share them, and
        // the paired interval of native-linux − hafnium-linux is far narrower than two independent means' would be.
        foreach (var point in new[] { "0", "1" })
        {
            var native = summary.Single(x => x["stack"] == "native-linux" && x["point"] == point);
            var hafnium = summary.Single(x => x["stack"] == "hafnium-linux" && x["point"] == point);
            double Half(Dictionary<string, string> x, string low, string high) =>
                (double.Parse(x[high], CultureInfo.InvariantCulture) - double.Parse(x[low], CultureInfo.InvariantCulture)) / 2;
            var unpaired = Math.Sqrt(Math.Pow(Half(native, "ci95_low", "ci95_high"), 2) + Math.Pow(Half(hafnium, "ci95_low", "ci95_high"), 2));
            Assert.That(Half(native, "difference_ci95_low", "difference_ci95_high"), Is.LessThan(unpaired / 2), $"ranks point {point}");
        }
        var markdown = File.ReadAllText(Path.Combine(output, "summary.md"));
        Assert.That(markdown, Does.Contain("Against hafnium-linux, paired by replica"));
        Assert.That(markdown, Does.Contain("| ranks | native-linux (pp) | hafnium-kitten (pp) |"));
        // What the runs used without being told is stated too: the housekeeping accounting, among the kind's defaults.
        Assert.That(markdown, Does.Contain("Settings: profile = bsp-allreduce; window_s = 0.5; by default inject_noise = none, preset = pine-a64, interconnect = hpc, housekeeping = more_nodes."));
        // summary.md drawn again from the files (nodesim plot) gives the same comparisons: they are read back from summary.csv.
        var before = markdown[markdown.IndexOf("Against", StringComparison.Ordinal)..];
        Assert.That(NodeSimInProcess.Run("plot", output).ExitCode, Is.Zero);
        var after = File.ReadAllText(Path.Combine(output, "summary.md"));
        Assert.That(after[after.IndexOf("Against", StringComparison.Ordinal)..], Is.EqualTo(before));
    }

    [Test]
    public void JobGivenSeveralStacksComparesThemByReplica()
    {
        var r = NodeSimInProcess.Run("job", "--profile", "io", "--ranks", "16", "--stack", "hafnium-linux,hafnium-kitten", "--replications", "3", "--json");
        Assert.That(r.ExitCode, Is.Zero, r.Stderr);
        var stacks = r.Json.GetProperty("stacks").EnumerateArray().ToList();
        var (linux, kitten) = (stacks[0].GetProperty("overhead_pct").GetDouble(), stacks[1].GetProperty("overhead_pct").GetDouble());
        var comparison = r.Json.GetProperty("comparison");
        Assert.That(comparison.GetProperty("compare_to").GetString(), Is.EqualTo("hafnium-linux"), "the first stack, by default");
        var overhead = comparison.GetProperty("stacks")[0].GetProperty("overhead_pct");
        Assert.That(overhead.GetProperty("difference").GetDouble(), Is.EqualTo(kitten - linux).Within(1e-9));
        Assert.That(overhead.GetProperty("ratio").GetDouble(), Is.EqualTo(kitten / linux).Within(1e-9));
        Assert.That(overhead.GetProperty("difference_ci95_high").GetDouble(), Is.LessThan(0), "Kitten's primary costs the io profile less, beyond doubt");

        var text = NodeSimInProcess.Run("job", "--profile", "io", "--ranks", "16", "--stack", "hafnium-linux,hafnium-kitten", "--compare-to", "hafnium-kitten");
        Assert.That(text.Stdout, Does.Contain("against hafnium-kitten, paired by replica"));
    }

    [TestCase("--compare-to: 'native-kitten' is not one of the stacks given (native-linux, hafnium-linux)",
        "edge", "--trace", "synthetic:edge?requests=500", "--stack", "native-linux,hafnium-linux", "--compare-to", "native-kitten")]
    [TestCase("--compare-to needs a second stack in --stack to compare with", "job", "--profile", "io", "--stack", "native-linux", "--compare-to", "native-linux")]
    [TestCase("--compare-to describes the jobs' executions under --stack; without --stack every job runs for its trace time",
        "replay", "--trace", "synthetic:hpc?jobs=50&nodes=8", "--compare-to", "ideal")]
    public void ACompareToThatComparesNothingIsRefused(string message, params string[] args)
    {
        var r = NodeSimInProcess.Run(args);
        Assert.That(r.ExitCode, Is.EqualTo(2));
        Assert.That(r.Stderr.Trim(), Is.EqualTo("error: " + message));
    }

    private static List<Dictionary<string, string>> Csv(string path)
    {
        var lines = File.ReadAllLines(path);
        var header = lines[0].Split(',');
        return [.. lines.Skip(1).Select(l => header.Zip(l.Split(',')).ToDictionary(p => p.First, p => p.Second))];
    }
}
