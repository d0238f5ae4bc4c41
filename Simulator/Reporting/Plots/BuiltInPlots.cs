using NodeSim.Models;

namespace NodeSim.Reporting.Plots;

/// <summary>The plots NodeSim ships, in the order a scenario's plots are drawn and listed.</summary>
public static class BuiltInPlots
{
    /// <summary>A new registry of the built-in plots. Adding a plot is a class and a line here.</summary>
    public static Registry<ScenarioPlot> Create() => new Registry<ScenarioPlot>("plot", p => p.Name)
        .Add(new HeadlineByStackPlot())
        .Add(new LatencyQuantilesPlot())
        .Add(new LedgerPlot())
        .Add(new HeadlineAgainstSweepPlot())
        .Add(new CdfPlot("bsld-cdf", "bounded slowdown", "bounded slowdown", "-bsld-cdf", j => j.BoundedSlowdown, shift: 0))
        .Add(new CdfPlot("wait-cdf", "wait + 1 (s)", "wait", "-wait-cdf", j => j.WaitS, shift: 1))
        .Add(new TimelinePlot())
        .Add(new MorrisScreeningPlot())
        .Add(new ContrastDistributionPlot());
}
