namespace NodeSim.Reporting;

/// <summary>A scenario as the results record it (in <c>manifest.json</c>): enough to draw its plots and summary again.</summary>
/// <param name="Kind">Its kind, by name.</param>
/// <param name="Swept">The parameters its sweep varies.</param>
/// <param name="CompareTo">The stack every other stack is compared with, paired by replica (<c>compare_to</c>), or null.</param>
/// <param name="Settings">The values the scenario fixes (its keys and <c>set:</c>), by name, as written.</param>
/// <param name="Sensitivity">A sensitivity scenario's studies (whose samples its points are), from which its analysis is redrawn; null for others.</param>
public sealed record ScenarioInfo(string Name, string Kind, string? Description, IReadOnlyList<string> Stacks, IReadOnlyList<string> Swept,
    int Points, int Replications, string? CompareTo = null, IReadOnlyDictionary<string, string>? Settings = null,
    Engine.Sensitivity.SensitivityPlan? Sensitivity = null, IReadOnlyDictionary<string, string>? Units = null)
{
    /// <summary>
    /// How a table's header names a swept parameter: its last segment with its unit (<c>world_switch_cycles (cycles)</c>), or the
    /// whole path where another swept parameter ends the same way.
    /// </summary>
    public string Label(string parameter)
    {
        var tail = parameter[(parameter.LastIndexOf('.') + 1)..];
        var name = Swept.Count(p => p != parameter && p[(p.LastIndexOf('.') + 1)..] == tail) > 0 ? parameter : tail;
        return Units?.GetValueOrDefault(parameter) is { Length: > 0 } unit && unit != "1" && unit != parameter && unit != tail ? $"{name} ({unit})" : name;
    }
}
