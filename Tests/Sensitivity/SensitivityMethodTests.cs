using NodeSim.Engine.Sensitivity;

namespace NodeSim.Tests.Sensitivity;

/// <summary>Issue 29's acceptance for the methods: functions whose indices are known.</summary>
public class SensitivityMethodTests
{
    private static double[] Evaluate(IReadOnlyList<double[]> points, IReadOnlyList<SensitivityParameter> parameters, Func<double[], double> f) =>
        [.. points.Select(u => f([.. u.Select((x, i) => parameters[i].Value(x))]))];

    [Test]
    public void MorrisMuStarOfALinearModelIsItsCoefficientTimesItsRange()
    {
        // y = 3 a − 0.5 b + 0 c + 2 d: μ* = |c_i| × range_i exactly, σ = 0; c, which the output does not depend on, gets 0.
        SensitivityParameter[] parameters = [new("a", 0, 2, false), new("b", 10, 30, false), new("c", 5, 6, false), new("d", -1, 1, false)];
        double[] coefficients = [3, -0.5, 0, 2];
        var design = new MorrisDesign(parameters.Length, 10, seed: 7);
        var outputs = Evaluate(design.Points, parameters, x => x.Select((v, i) => coefficients[i] * v).Sum());
        var effects = MorrisAnalysis.Analyze(design, outputs, seed: 1);
        double[] expected = [6, 10, 0, 4];
        for (var i = 0; i < parameters.Length; i++)
        {
            Assert.That(effects[i].MuStar, Is.EqualTo(expected[i]).Within(1e-9), parameters[i].Name);
            Assert.That(effects[i].Sigma, Is.EqualTo(0).Within(1e-9), parameters[i].Name);
        }
        Assert.That(effects[2].MuStar, Is.Zero, "a parameter the output does not depend on has effect 0 exactly");
        Assert.That(effects[1].Mu, Is.EqualTo(-10).Within(1e-9), "μ keeps the sign");
        var ranking = Enumerable.Range(0, 4).OrderByDescending(i => effects[i].MuStar).ToArray();
        Assert.That(ranking, Is.EqualTo(new[] { 1, 0, 3, 2 }));
    }

    [Test]
    public void MorrisTrajectoriesMoveEachParameterOnceByTheJump()
    {
        var design = new MorrisDesign(5, 6, seed: 3);
        Assert.That(design.Points, Has.Count.EqualTo(6 * 6));
        for (var t = 0; t < 6; t++)
        {
            Assert.That(design.Moved[t], Is.EquivalentTo(Enumerable.Range(0, 5)));
            for (var step = 0; step < 5; step++)
            {
                var before = design.Points[t * 6 + step];
                var after = design.Points[t * 6 + step + 1];
                var changed = Enumerable.Range(0, 5).Where(i => before[i] != after[i]).ToArray();
                Assert.That(changed, Is.EqualTo(new[] { design.Moved[t][step] }));
                Assert.That(Math.Abs(after[changed[0]] - before[changed[0]]), Is.EqualTo(2.0 / 3).Within(1e-12));
                Assert.That(after.Concat(before), Has.All.InRange(0.0, 1.0));
            }
        }
    }

    private static double Ishigami(double[] x) => Math.Sin(x[0]) + 7 * Math.Pow(Math.Sin(x[1]), 2) + 0.1 * Math.Pow(x[2], 4) * Math.Sin(x[0]);

    [Test]
    public void SobolIndicesOfTheIshigamiFunctionAreWithinFiveHundredthsOfTheAnalyticAtNEquals16384()
    {
        // Ishigami and Homma (1990), a = 7, b = 0.1 on [−π, π]³: S = (0.3139, 0.4424, 0), S_T = (0.5576, 0.4424, 0.2437).
        SensitivityParameter[] parameters = [new("x1", -Math.PI, Math.PI, false), new("x2", -Math.PI, Math.PI, false), new("x3", -Math.PI, Math.PI, false)];
        var design = new SaltelliDesign(3, 16_384, seed: 11);
        var indices = design.Analyze(Evaluate(design.Points, parameters, Ishigami), seed: 2);
        double[] first = [0.3139, 0.4424, 0], total = [0.5576, 0.4424, 0.2437];
        for (var i = 0; i < 3; i++)
        {
            TestContext.Out.WriteLine($"x{i + 1}: S {indices[i].First:F4} ± {indices[i].FirstHalfWidth:F4} (analytic {first[i]}), S_T {indices[i].Total:F4} ± {indices[i].TotalHalfWidth:F4} (analytic {total[i]})");
            Assert.That(indices[i].First, Is.EqualTo(first[i]).Within(0.05));
            Assert.That(indices[i].Total, Is.EqualTo(total[i]).Within(0.05));
            Assert.That(indices[i].FirstHalfWidth, Is.GreaterThan(0).And.LessThan(0.1));
        }
    }

    [Test]
    public void MorrisOnIshigamiGivesX2ItsKnownMuStar()
    {
        // With p = 4 every effect of x2 is ±7·(sin²(x2 + 4π/3) − sin²(x2)) / (2/3) at x2 ∈ {−π, −π/3}: |effect| = 7.875 whatever the draw.
        SensitivityParameter[] parameters = [new("x1", -Math.PI, Math.PI, false), new("x2", -Math.PI, Math.PI, false), new("x3", -Math.PI, Math.PI, false)];
        var design = new MorrisDesign(3, 20, seed: 5);
        var effects = MorrisAnalysis.Analyze(design, Evaluate(design.Points, parameters, Ishigami), seed: 1);
        Assert.That(effects[1].MuStar, Is.EqualTo(7.875).Within(1e-9));
    }

    [Test]
    public void ARangeOverTenfoldIsSweptLogUniformly()
    {
        var p = SensitivityParameter.Over("daemon_rate_per_second", 1, 100);
        Assert.That(p.LogScale, Is.True);
        Assert.That(p.Value(0.5), Is.EqualTo(10).Within(1e-9));
        Assert.That(SensitivityParameter.Over("x", 2, 10).LogScale, Is.False);
        Assert.That(SensitivityParameter.Over("x", 0, 100).LogScale, Is.False, "a range from 0 cannot be log-uniform");
    }
}
