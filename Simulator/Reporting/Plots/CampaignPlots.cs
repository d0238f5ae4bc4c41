using NodeSim.Engine;

namespace NodeSim.Reporting.Plots;

/// <summary>
/// Draws a campaign's plots: every registered <see cref="ScenarioPlot"/> that applies to each scenario, in
/// registry order within a scenario, into a directory's <c>plots/</c>, from the summary and job
/// tables alone.
/// </summary>
/// <param name="output">Where the plots go (into its <paramref name="plotDirectory"/>); it refuses to replace a file NodeSim did not write.</param>
/// <param name="plotDirectory">The subdirectory of <paramref name="output"/> the plots go into.</param>
/// <param name="jobs">The job rows of the scenarios whose kinds' rows are a workload's jobs, by scenario.</param>
/// <param name="kindOf">The kind a scenario's kind name stands for.</param>
/// <param name="stackLabels">How legends name each stack (its primary, guest and page policy); a stack without one is named as it is.</param>
public sealed class CampaignPlots(IOutputDirectory output, string plotDirectory, IReadOnlyList<ScenarioInfo> scenarios, IReadOnlyList<SummaryRow> summary,
    ILookup<string, JobRecord> jobs, Func<string, ScenarioKind> kindOf, IReadOnlyList<ScenarioPlot> plots, IReadOnlyDictionary<string, string>? stackLabels = null)
{
    /// <summary>Draws every plot, up to <paramref name="threads"/> at a time; the list is in scenario order.</summary>
    /// <exception cref="UserInputException">A plot could not be written (the first such error, as it was raised).</exception>
    public List<PlotFile> DrawAll(int threads = 1)
    {
        var style = new PlotStyle(stackLabels);
        var planned = scenarios.SelectMany(scenario => Plan(scenario, style)).ToList();
        var files = new PlotFile[planned.Count];
        try
        {
            Parallel.For(0, planned.Count, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, threads) }, i =>
            {
                var (scenario, figure) = planned[i];
                files[i] = new PlotFile(scenario, figure.Caption, Save(figure.Draw(), figure.File));
            });
        }
        catch (AggregateException e) when (e.InnerExceptions.OfType<UserInputException>().FirstOrDefault() is { } first)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(first).Throw();
        }
        return [.. files];
    }

    /// <summary>The figures of a scenario: none when every run of it failed.</summary>
    private IEnumerable<(string Scenario, PlannedFigure Figure)> Plan(ScenarioInfo scenario, PlotStyle style)
    {
        var rows = summary.Where(r => r.Scenario == scenario.Name).ToList();
        if (rows.Count == 0) return [];
        var input = new PlotInput(scenario, kindOf(scenario.Kind), rows, [.. jobs[scenario.Name]], style);
        return plots.SelectMany(p => p.Plan(input)).Select(f => (scenario.Name, f));
    }

    private string Save(Figure figure, string name) => figure.Save(output, plotDirectory, name);
}
