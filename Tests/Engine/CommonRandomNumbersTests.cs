using NodeSim.Kernel;
using NodeSim.Tests.Cli;

namespace NodeSim.Tests.Engine;

/// <summary>
/// Common random numbers across a sweep: a run's draws depend on the campaign seed, the scenario, the replica and the noise
/// source and core they feed — not on the point — so a parameter moves only what it touches; and the counter-based draws
/// they rest on are uniform and independent.
/// </summary>
public class CommonRandomNumbersTests
{
    private const string WorldSwitchSweep = """
        campaign: crn
        seed: 3
        replications: 4
        scenarios:
          - name: world switches
            kind: job
            stacks: [native-linux, hafnium-linux]
            profile: bsp-allreduce
            ranks: 64
            window_s: 1
            sweep:
              stack.hypervisor.world_switch_cycles: [1000, 2000, 3000]
        """;

    [Test]
    public void ASweptParameterMovesOnlyWhatItTouchesAndMovesItOneWay()
    {
        using var dir = new TempDir();
        var output = Path.Combine(dir.Path, "out");
        var r = NodeSimInProcess.Run("run", dir.File("crn.yaml", WorldSwitchSweep), "--out", output, "--workers", "2");
        Assert.That(r.ExitCode, Is.Zero, r.Stderr);
        var lines = File.ReadAllLines(Path.Combine(output, "runs.csv"));
        var header = lines[0].Split(',');
        int Column(string name) => Array.IndexOf(header, name);
        var rows = lines.Skip(1).Select(l => l.Split(',')).ToList();
        var (point, stack, replica, overhead, switches) = (Column("point"), Column("stack"), Column("replica"), Column("overhead_pct"), Column("world_switches_pct"));
        var metrics = Enumerable.Range(Column("seed") + 1, header.Length - Column("seed") - 2).ToList();
        for (var rep = 0; rep < 4; rep++)
        {
            var native = rows.Where(x => x[stack] == "native-linux" && x[replica] == $"{rep}").OrderBy(x => int.Parse(x[point])).ToList();
            Assert.That(native.Select(x => string.Join(',', metrics.Select(m => x[m]))).Distinct().Count(), Is.EqualTo(1),
                $"replica {rep}: native-linux, which no world switch touches, is bit-identical at every point");
            var hafnium = rows.Where(x => x[stack] == "hafnium-linux" && x[replica] == $"{rep}").OrderBy(x => int.Parse(x[point])).ToList();
            foreach (var m in new[] { switches, overhead })
            {
                var values = hafnium.Select(x => double.Parse(x[m], System.Globalization.CultureInfo.InvariantCulture)).ToList();
                Assert.That(values, Is.Ordered.Ascending, $"replica {rep}: hafnium-linux's {header[m]} against world_switch_cycles 1000, 2000, 3000");
                Assert.That(values[^1], Is.GreaterThan(values[0]));
            }
        }
    }

    [Test]
    public void CounterDrawsAreUniformAndIndependentAcrossKeysAndIndices()
    {
        const int n = 200_000;
        var key = CounterRandom.Key(42, "tick", 7);
        var other = CounterRandom.Key(42, "tick", 8);
        var u = Enumerable.Range(0, n).Select(i => CounterRandom.Uniform(key, i)).ToArray();
        var w = Enumerable.Range(0, n).Select(i => CounterRandom.Uniform(other, i)).ToArray();
        Assert.That(u.Average(), Is.EqualTo(0.5).Within(4 * Math.Sqrt(1.0 / 12 / n)));
        // Pearson's χ² over 20 equal bins: 19 degrees of freedom, 99.9% quantile 43.8.
        var bins = new int[20];
        foreach (var x in u) bins[(int)(x * 20)]++;
        Assert.That(bins.Sum(b => Math.Pow(b - n / 20.0, 2) / (n / 20.0)), Is.LessThan(43.8));
        // Neighbouring indices and neighbouring keys are uncorrelated (|r| within 4 standard errors of 0).
        double Correlation(IReadOnlyList<double> a, IReadOnlyList<double> b) =>
            Enumerable.Range(0, a.Count).Average(i => (a[i] - 0.5) * (b[i] - 0.5)) * 12;
        Assert.That(Math.Abs(Correlation(u[..^1], u[1..])), Is.LessThan(4 / Math.Sqrt(n)));
        Assert.That(Math.Abs(Correlation(u, w)), Is.LessThan(4 / Math.Sqrt(n)));
        var z = Enumerable.Range(0, n / 2).Select(i => CounterRandom.Normal(key, 2L * i)).ToArray();
        Assert.That(z.Average(), Is.EqualTo(0).Within(4 / Math.Sqrt(z.Length)));
        Assert.That(z.Average(x => x * x), Is.EqualTo(1).Within(4 * Math.Sqrt(2.0 / z.Length)));
        Assert.That(CounterRandom.Uniform(key, 12345), Is.EqualTo(u[12345]), "a draw depends only on its key and index");
    }
}
