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
/// <param name="options">The reader's choices: scale, stacks, size, formats.</param>
public sealed class CampaignPlots(IOutputDirectory output, string plotDirectory, IReadOnlyList<ScenarioInfo> scenarios, IReadOnlyList<SummaryRow> summary,
    ILookup<string, JobRecord> jobs, Func<string, ScenarioKind> kindOf, IReadOnlyList<ScenarioPlot> plots, PlotOptions options)
{
    /// <summary>Draws every plot, up to <paramref name="threads"/> at a time; the list is in scenario order, figures not drawn included with the reason.</summary>
    /// <exception cref="UserInputException">A plot could not be written (the first such error, as it was raised).</exception>
    public List<PlotFile> DrawAll(int threads = 1)
    {
        var planned = Plan();
        var files = new PlotFile[planned.Count];
        try
        {
            Parallel.For(0, planned.Count, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, threads) }, i =>
            {
                var (scenario, figure) = planned[i];
                files[i] = figure.Draw is null ? new PlotFile(scenario, figure.Caption, null, figure.Omitted)
                    : new PlotFile(scenario, figure.Caption, figure.Draw().Save(output, plotDirectory, figure.File, options.Formats));
            });
        }
        catch (AggregateException e) when (e.InnerExceptions.OfType<UserInputException>().FirstOrDefault() is { } first)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(first).Throw();
        }
        return [.. files];
    }

    /// <summary>Every figure of every scenario, in order, with those not to be drawn and why.</summary>
    public List<(string Scenario, PlannedFigure Figure)> Plan()
    {
        var style = new PlotStyle(options);
        return [.. scenarios.SelectMany(scenario => Plan(scenario, style))];
    }

    /// <summary>The figures of a scenario: none when every run of it failed, or none of its stacks is among those asked for.</summary>
    private IEnumerable<(string Scenario, PlannedFigure Figure)> Plan(ScenarioInfo scenario, PlotStyle style)
    {
        var stacks = style.Stacks(scenario).ToHashSet();
        var rows = summary.Where(r => r.Scenario == scenario.Name && stacks.Contains(r.Stack)).ToList();
        if (rows.Count == 0) return [];
        var input = new PlotInput(scenario, kindOf(scenario.Kind), rows, [.. jobs[scenario.Name].Where(j => stacks.Contains(j.Stack))], style);
        return plots.SelectMany(p => p.Plan(input)).Select(f => (scenario.Name, f));
    }
}
