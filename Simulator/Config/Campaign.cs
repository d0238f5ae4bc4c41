using NodeSim.Models.Isolation;
using NodeSim.Reporting;

namespace NodeSim.Config;

/// <summary>A parameter value of a scenario point, with where it was written: file, line, column and key path (for error messages).</summary>
public sealed record ParameterValue(string Name, string Value, string File, long Line, long Column, string? KeyPath = null)
{
    public string Path => KeyPath ?? Name;
}

/// <summary>One point of a scenario's sweep: its parameter values, in the order the file gives them.</summary>
public sealed record SweepPoint(int Index, IReadOnlyList<ParameterValue> Values)
{
    public string? this[string name] => Values.LastOrDefault(v => v.Name == name)?.Value;
}

/// <summary>A scenario as written: its kind, stacks, fixed parameters and sweep points.</summary>
public sealed record ScenarioSpec(string Name, string Kind, string? Description, IReadOnlyList<string> Stacks, int Replications,
    IReadOnlyList<ParameterValue> Fixed, IReadOnlyList<string> SweptParameters, IReadOnlyList<SweepPoint> Points)
{
    /// <summary>Every parameter of a point: the fixed ones, then the point's (which win).</summary>
    public IReadOnlyList<ParameterValue> Parameters(SweepPoint point) => [.. Fixed, .. point.Values];
}

/// <summary>One run: a scenario point under one stack, one replica.</summary>
public sealed record RunSpec(int Index, ScenarioSpec Scenario, SweepPoint Point, string Stack, int Replica, ulong Seed)
{
    /// <summary>A stable, file-name-safe key: scenario, point, stack, replica.</summary>
    public string Key => $"{FileNames.Sanitize(Scenario.Name)}__p{Point.Index:D3}__{FileNames.Sanitize(Stack)}__r{Replica:D2}";
}

/// <summary>A validated campaign: its scenarios expanded into runs.</summary>
public sealed record Campaign(string Name, string? Description, ulong Seed, int Replications, string File, string Sha256,
    IReadOnlyDictionary<string, IsolationStack> Stacks, IReadOnlyList<ScenarioSpec> Scenarios)
{
    /// <summary>The directory relative trace paths are resolved against.</summary>
    public string Directory => Path.GetDirectoryName(Path.GetFullPath(File))!;

    /// <summary>Every run, in a fixed order: scenario, point, replica, stack. Every stack of a point and replica shares one seed (common random numbers).</summary>
    public IReadOnlyList<RunSpec> Runs()
    {
        var runs = new List<RunSpec>();
        foreach (var s in Scenarios)
            foreach (var p in s.Points)
                for (var r = 0; r < s.Replications; r++)
                {
                    var seed = Models.RandomStream.DeriveSeed(Seed, $"{s.Name}/point-{p.Index}", r);
                    foreach (var stack in s.Stacks) runs.Add(new RunSpec(runs.Count, s, p, stack, r, seed));
                }
        return runs;
    }
}
