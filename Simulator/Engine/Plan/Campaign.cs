using NodeSim.Kernel;
using NodeSim.Models.Isolation;

namespace NodeSim.Engine;

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
/// <param name="SweptParameters">The parameters its sweep varies, in the order the file gives them.</param>
/// <param name="CompareTo">The stack every other stack is compared with, paired by replica (<c>compare_to</c>), or null.</param>
/// <param name="Sensitivity">A sensitivity scenario's studies, whose samples its points are; null for every other scenario.</param>
public sealed record ScenarioSpec(string Name, ScenarioKind Kind, string? Description, IReadOnlyList<string> Stacks, int Replications,
    IReadOnlyList<ParameterValue> Fixed, IReadOnlyList<string> SweptParameters, IReadOnlyList<SweepPoint> Points, string? CompareTo = null,
    Sensitivity.SensitivityPlan? Sensitivity = null)
{
    /// <summary>The unit of each swept parameter, by name, for tables' headers (a parameter without one is left out).</summary>
    public IReadOnlyDictionary<string, string> Units { get; init; } = new Dictionary<string, string>();

    /// <summary>Every parameter of a point: the fixed ones, then the point's (which win).</summary>
    public IReadOnlyList<ParameterValue> Parameters(SweepPoint point) => [.. Fixed, .. point.Values];
}

/// <summary>One run: a scenario point under one stack, one replica, with every model it needs built.</summary>
public sealed record RunSpec(int Index, ScenarioSpec Scenario, SweepPoint Point, string Stack, int Replica, ulong Seed, RunWork Work)
{
    /// <summary>A stable, file-name-safe key: scenario, point, stack, replica.</summary>
    public string Key => $"{FileNames.Sanitize(Scenario.Name)}__p{Point.Index:D3}__{FileNames.Sanitize(Stack)}__r{Replica:D2}";

    /// <summary>The run's parameters, each once with its effective value, in the order first written.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Parameters =>
        [.. Scenario.Parameters(Point).GroupBy(v => v.Name).Select(g => KeyValuePair.Create(g.Key, g.Last().Value))];

    /// <summary>"scenario, point P, stack, replica R", for progress and error lines.</summary>
    public string Label => $"{Scenario.Name}, point {Point.Index}, {Stack}, replica {Replica}";
}

/// <summary>
/// A validated campaign, the typed run plan the engine executes: its scenarios and every run, in a
/// fixed order (scenario, point, replica, stack), each with its models built.
/// </summary>
public sealed record Campaign(string Name, string? Description, ulong Seed, int Replications, string File, string Sha256,
    IReadOnlyDictionary<string, IsolationStack> Stacks, IReadOnlyList<ScenarioSpec> Scenarios, IReadOnlyList<RunSpec> Runs)
{
    /// <summary>The N of <c>--reseed N</c>: the campaign seed was derived from the file's and it (null: the file's seed as written).</summary>
    public ulong? Reseed { get; init; }

    /// <summary>The campaign file's text as it was read (what a run directory keeps a copy of).</summary>
    public string Text { get; init; } = "";

    /// <summary>The directory relative trace paths are resolved against.</summary>
    public string Directory => System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(File))!;

    /// <summary>
    /// The seed of every run of a scenario's replica: shared by every stack and every point of the replica (common random
    /// numbers), so stacks and the points of a sweep are compared on the same draws — changing a parameter changes only what
    /// it touches — while replicas are independent of each other.
    /// </summary>
    public static ulong RunSeed(ulong campaignSeed, ScenarioSpec scenario, int replica) =>
        RandomStream.DeriveSeed(campaignSeed, scenario.Name, replica);
}
