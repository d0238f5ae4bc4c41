namespace NodeSim.Engine;

/// <summary>How a metric is named in the results (its unit as the name's suffix), its unit and what it measures.</summary>
/// <param name="Group">The part of a breakdown it belongs to (<c>ledger</c>, <c>amplification</c>, <c>counters</c>), under which
/// JSON output nests it; null for a metric that stands alone.</param>
public sealed record MetricInfo(string Name, string Unit, string Description, string? Group = null);

/// <summary>A metric and how it is read off what a run produced.</summary>
public sealed record MetricDefinition<T>(MetricInfo Info, Func<T, double> Value);
