namespace NodeSim.Engine;

/// <summary>A named number a run produced; units are in the name (<c>_s</c>, <c>_pct</c>, <c>_per_s</c>).</summary>
public sealed record Metric(string Name, double Value);

/// <summary>The outcome of one campaign run: which run it was (its kind by name), its metrics, or why it failed.</summary>
public sealed record RunResult(int Index, string Key, string Scenario, string Kind, int Point, IReadOnlyList<KeyValuePair<string, string>> Parameters,
    string Stack, int Replica, ulong Seed, IReadOnlyList<Metric> Metrics, string? Error, double WallSeconds)
{
    public double? this[string metric] => Metrics.FirstOrDefault(m => m.Name == metric)?.Value;
}
