using NodeSim.Engine.Sensitivity;
using NodeSim.Reporting;
using NodeSim.Reporting.Sensitivity;

namespace NodeSim.Tests.Sensitivity;

/// <summary>The analysis of a study from its summary rows, on a contrast whose sign one parameter alone decides.</summary>
public class SensitivityAnalysisTests
{
    [Test]
    public void TheStepsThatFlipTheSignNameTheParameterThatDecidesItAndItsDirection()
    {
        SensitivityParameter[] parameters = [SensitivityParameter.Over("a.decides", 0, 1), SensitivityParameter.Over("b.inert", 0, 1)];
        var study = new SensitivityStudy(0, [], parameters, 10, 4, 7, [], 0, 0);
        var morris = study.Morris();
        // contrast = a − 0.45: negative where a is on the grid's 0 or 1/3, positive on 2/3 or 1; b never matters.
        var rows = new List<SummaryRow>();
        for (var i = 0; i < study.Samples; i++)
        {
            var c = parameters[0].Value(morris.Points[i][0]) - 0.45;
            rows.Add(new SummaryRow("s", "sensitivity", i, [], "A", "overhead_pct", new MeanEstimate(1, c, double.NaN, double.NaN, double.NaN))
            {
                Against = new PairedComparison("B", 1, new MeanEstimate(1, c, double.NaN, double.NaN, double.NaN), new RatioEstimate(double.NaN, double.NaN, double.NaN)),
            });
            rows.Add(new SummaryRow("s", "sensitivity", i, [], "B", "overhead_pct", new MeanEstimate(1, 0, double.NaN, double.NaN, double.NaN)));
        }
        var scenario = new ScenarioInfo("s", "sensitivity", null, ["A", "B"], [], study.Samples, 1, "B", Sensitivity: new SensitivityPlan(ContrastMeasure.Difference, [study]));
        var result = SensitivityAnalysis.Of(scenario, rows, "overhead_pct").Single();
        Assert.Multiple(() =>
        {
            Assert.That(result.SignDrivers.Select(d => d.Parameter.Name), Is.EqualTo(new[] { "a.decides" }), "only a's moves cross zero");
            Assert.That(result.SignDrivers[0].RaisingTurnsNegative, Is.False, "lowering a turns the contrast negative");
            Assert.That(result.Effects.Single(e => e.Parameter.Name == "b.inert").Morris.MuStar, Is.Zero);
            Assert.That(result.Effects[0].Morris.MuStar, Is.EqualTo(1).Within(1e-12), "a linear contrast's effect is its coefficient × range");
            Assert.That(result.Contrast!.ShareAbove + result.Contrast.ShareBelow, Is.EqualTo(1).Within(1e-12));
            Assert.That(result.Contrast.Min, Is.EqualTo(-0.45).Within(1e-12));
        });
    }
}
