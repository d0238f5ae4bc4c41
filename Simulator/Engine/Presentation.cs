namespace NodeSim.Engine;

/// <summary>
/// A metric that says a result is not a measurement to compare (1 for the run, 0 otherwise): where its mean is above 0 the
/// summary marks the row and the plots mark the point, and nothing ranks on it.
/// </summary>
/// <param name="Label">How the mark reads: "unstable".</param>
/// <param name="Meaning">What it means, for the note under a table.</param>
public sealed record ResultFlag(string Metric, string Label, string Meaning);

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

/// <summary>How the key table of a scenario in <c>summary.md</c> is laid out: one of the three layouts below, and no other.</summary>
public abstract record SummaryTable
{
    private SummaryTable()
    {
    }

    /// <summary>The metrics the table shows.</summary>
    public abstract IEnumerable<string> Metrics { get; }

    /// <summary>One metric: a row per point, a column per stack.</summary>
    /// <param name="Title">A line above the table: what the numbers are, with the unit.</param>
    public sealed record StackColumns(string Metric, string Title) : SummaryTable
    {
        public override IEnumerable<string> Metrics => [Metric];
    }

    /// <summary>Several metrics: a row per point and stack, a column per metric.</summary>
    public sealed record MetricColumns(IReadOnlyList<SummaryColumn> Columns) : SummaryTable
    {
        public override IEnumerable<string> Metrics => Columns.Select(c => c.Metric);
    }

    /// <summary>A sensitivity study's tables: each parameter's Morris μ*, μ, σ (and Sobol indices), and the contrast's distribution over the samples.</summary>
    /// <param name="Metric">The metric the contrast compares the stacks on.</param>
    public sealed record SensitivityTables(string Metric) : SummaryTable
    {
        public override IEnumerable<string> Metrics => [Metric];
    }
}

/// <summary>The groups metrics nest under in JSON output: the parts of a breakdown.</summary>
public static class MetricGroups
{
    /// <summary>The ledger's parts: what the headline is made of.</summary>
    public const string Ledger = "ledger";

    /// <summary>Collective amplification, split by the cause of the detours on the critical path.</summary>
    public const string Amplification = "amplification";

    /// <summary>Events counted per second.</summary>
    public const string Counters = "counters";

    /// <summary>The ledger of one request: the p99 one.</summary>
    public const string P99Request = "p99_request";
}
