using NodeSim.Reporting;
using NodeSim.Reporting.Campaigns;

namespace NodeSim.Tests.Reporting;

/// <summary>A replay's surprising results are explained where they appear, and only there.</summary>
public class ReplayNotesTests
{
    private static readonly ScenarioInfo Scenario = new("lublin", "replay", null, ["ideal", "native-kitten"], [], 1, 1);

    private static List<SummaryRow> Rows(double kittenBsld, double half) =>
    [
        .. new (string Stack, string Metric, double Mean, double Half)[]
        {
            ("ideal", "mean_bsld", 591, half), ("ideal", "mean_overhead_pct", 0, 0), ("ideal", "utilization", 0.936, 0), ("ideal", "useful_utilization", 0.936, 0),
            ("native-kitten", "mean_bsld", kittenBsld, half), ("native-kitten", "mean_overhead_pct", 0.12, 0),
            ("native-kitten", "utilization", 0.937, 0), ("native-kitten", "useful_utilization", 0.931, 0),
        }.Select(x => new SummaryRow("lublin", "replay", 0, [], x.Stack, x.Metric,
            x.Half > 0 ? new MeanEstimate(3, x.Mean, x.Half, x.Mean - x.Half, x.Mean + x.Half) : new MeanEstimate(1, x.Mean, double.NaN, double.NaN, double.NaN))),
    ];

    [Test]
    public void ALowerBoundedSlowdownUnderMoreOverheadIsExplainedWithWhatTheOverheadCost()
    {
        var note = ReplayNotes.Of(Scenario, Rows(543, 0));
        Assert.That(note, Does.Contain("**Why native-kitten's mean bounded slowdown (543) is below ideal's (591) although its jobs run longer:**"));
        Assert.That(note, Does.Contain("useful utilisation (native-kitten 0.931 against 0.936)"));
        Assert.That(note, Does.StartWith("Busy utilisation counts the time a stack's overhead adds"));
    }

    [Test]
    public void NoExplanationWhereTheIntervalsOverlapOrTheOrderIsTheExpectedOne()
    {
        Assert.That(ReplayNotes.Of(Scenario, Rows(560, 40)), Does.Not.Contain("Why"), "within each other's intervals: nothing to explain");
        Assert.That(ReplayNotes.Of(Scenario, Rows(620, 0)), Does.Not.Contain("Why"), "more overhead, more slowdown");
        Assert.That(ReplayNotes.Of(Scenario, [.. Rows(543, 0).Where(r => r.Metric != "useful_utilization")]), Is.Empty, "not a replay's metrics");
    }
}
