namespace NodeSim.Engine;

/// <summary>The metric that sums a run up, as plots by stack show it.</summary>
/// <param name="Name">Its short name in titles: "overhead", "p99 latency".</param>
/// <param name="Axis">Its axis label, with the unit.</param>
public sealed record Headline(string Metric, string Name, string Axis);

/// <summary>A breakdown of a run into parts that add up, drawn as stacked bars: the ledger.</summary>
/// <param name="Parts">Each part's metric and its name in a legend.</param>
/// <param name="Title">What the plot shows, after the scenario's name: "overhead by cause (the ledger)".</param>
/// <param name="Caption">A few words under the plot in <c>summary.md</c>.</param>
/// <param name="Axis">The value axis, with the unit.</param>
/// <param name="FileSuffix">Added to the scenario's name for the plot's file: <c>-ledger</c>.</param>
public sealed record Ledger(IReadOnlyList<(string Metric, string Label)> Parts, string Title, string Caption, string Axis, string FileSuffix);

/// <summary>A metric as a column of a summary table: its header and the factor its values are shown at.</summary>
public sealed record SummaryColumn(string Metric, string Header, double Scale = 1);

/// <summary>How the key table of a scenario in <c>summary.md</c> is laid out.</summary>
public abstract record SummaryTable;

/// <summary>One metric: a row per point, a column per stack.</summary>
/// <param name="Title">A line above the table: what the numbers are, with the unit.</param>
public sealed record StackColumnsTable(string Metric, string Title) : SummaryTable;

/// <summary>Several metrics: a row per point and stack, a column per metric.</summary>
public sealed record MetricColumnsTable(IReadOnlyList<SummaryColumn> Columns) : SummaryTable;
