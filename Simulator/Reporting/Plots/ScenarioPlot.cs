using NodeSim.Engine;

namespace NodeSim.Reporting.Plots;

/// <summary>A plot written for a scenario: its caption in <c>summary.md</c> and its file's name, or why it was not drawn.</summary>
/// <param name="File">The first format's file (the others beside it), or null when <paramref name="Omitted"/> says why there is none.</param>
public sealed record PlotFile(string Scenario, string Caption, string? File, string? Omitted = null);

/// <summary>What the plots of one scenario are drawn from.</summary>
/// <param name="Rows">The scenario's rows of <c>summary.csv</c> (at least one: a scenario whose runs all failed gets no plot), of the stacks the reader asked for.</param>
/// <param name="Jobs">Its job rows, when its kind's rows are a workload's jobs (<see cref="ScenarioKind.RowsAreJobs"/>); otherwise none.</param>
/// <param name="Style">Each stack's look and the reader's options.</param>
public sealed record PlotInput(ScenarioInfo Scenario, ScenarioKind Kind, IReadOnlyList<SummaryRow> Rows, IReadOnlyList<JobRecord> Jobs, PlotStyle Style)
{
    /// <summary>Whether the scenario's points are settings to show one by one; a sensitivity study's are samples, shown only as its analysis.</summary>
    public bool PointsAreSettings => Scenario.Sensitivity is null;

    /// <summary>The stem of the scenario's plot files: its name made safe for a file name.</summary>
    public string Stem => FileNames.Sanitize(Scenario.Name);

    /// <summary>The stacks drawn: the scenario's, or those of them the reader asked for.</summary>
    public IReadOnlyList<string> Stacks => Style.Stacks(Scenario);
}

/// <summary>A figure a plot will draw: its file name (without extension), its caption, and how to draw it; or why it draws none.</summary>
public sealed record PlannedFigure(string File, string Caption, Func<Figure>? Draw, string? Omitted = null)
{
    /// <summary>A figure not drawn, because it would show nothing the table does not (one bar, series equal within their intervals); the summary says why.</summary>
    public static PlannedFigure Omit(string file, string caption, string reason) => new(file, caption, null, reason);
}

/// <summary>
/// A kind of plot: which scenarios it applies to — by their kind, the metrics they report and what
/// they sweep — and what it draws. Plots are registered objects: adding one is a class and a
/// registry line (<see cref="BuiltInPlots"/>); they draw from the summary and job tables alone, so
/// <c>nodesim plot</c> redraws them from a result directory.
/// </summary>
public abstract class ScenarioPlot
{
    /// <summary>How the registry names it.</summary>
    public abstract string Name { get; }

    /// <summary>What it shows, and when it applies.</summary>
    public abstract string Description { get; }

    /// <summary>The figures it draws of a scenario: none when it does not apply.</summary>
    public abstract IEnumerable<PlannedFigure> Plan(PlotInput input);
}
