namespace NodeSim.Reporting;

/// <summary>A metric at one scenario point under one stack, over the replications that succeeded (a row of <c>summary.csv</c>).</summary>
/// <param name="Kind">The scenario's kind, by name.</param>
public sealed record SummaryRow(string Scenario, string Kind, int Point, IReadOnlyList<KeyValuePair<string, string>> Parameters, string Stack,
    string Metric, MeanEstimate Estimate)
{
    public string? Parameter(string name) => Parameters.FirstOrDefault(p => p.Key == name).Value;
}
