using ScottPlot;

namespace NodeSim.Reporting.Plots;

/// <summary>
/// Colours keyed by name, the same in every plot of every campaign. Stacks take Okabe and Ito's colour-blind-safe eight
/// ("Color Universal Design", 2008): the Linux primaries warm, the Kitten ones cool, the ideal machine black. The parts of a
/// ledger (the causes, a request's queueing and service) take Paul Tol's "muted" and "light" schemes (SRON/EPS/TN/09-002,
/// 2021), so a cause never wears a stack's colour. A name without a colour of its own (a campaign's own stack, a new cause)
/// takes one from the rest of its scheme by a hash of the name (FNV-1a): stable across runs and campaigns.
/// </summary>
public static class Palette
{
    private static readonly Dictionary<string, Color> Stacks = new()
    {
        ["ideal"] = Color.FromHex("#000000"),
        ["native-linux"] = Color.FromHex("#56B4E9"),
        ["native-linux-tuned"] = Color.FromHex("#F0E442"),
        ["native-kitten"] = Color.FromHex("#009E73"),
        ["hafnium-linux"] = Color.FromHex("#D55E00"),
        ["hafnium-linux-tuned"] = Color.FromHex("#E69F00"),
        ["hafnium-linux-linuxguest"] = Color.FromHex("#CC79A7"),
        ["hafnium-kitten"] = Color.FromHex("#0072B2"),
    };

    private static readonly Dictionary<string, Color> Parts = new()
    {
        ["translation"] = Color.FromHex("#332288"),
        ["world_switches"] = Color.FromHex("#88CCEE"),
        ["interrupt_routing"] = Color.FromHex("#44AA99"),
        ["tick_noise"] = Color.FromHex("#117733"),
        ["daemon_noise"] = Color.FromHex("#999933"),
        ["pollution"] = Color.FromHex("#DDCC77"),
        ["scheduling_delay"] = Color.FromHex("#CC6677"),
        ["injected_noise"] = Color.FromHex("#882255"),
        ["network_stack"] = Color.FromHex("#AA4499"),
        ["message_relay"] = Color.FromHex("#77AADD"),
        ["measured_noise"] = Color.FromHex("#BBCC33"),
        ["collective_amplification"] = Color.FromHex("#EE8866"),
        ["housekeeping_cores"] = Color.FromHex("#AAAA00"),
        ["queueing"] = Color.FromHex("#BBBBBB"),
        ["service"] = Color.FromHex("#FFAABB"),
    };

    /// <summary>A stack's colour.</summary>
    public static Color Stack(string name) => Stacks.TryGetValue(name, out var c) ? c : Hashed(name, Stacks.Values);

    /// <summary>A ledger part's colour, by its key or its label (<c>world_switches</c> or "world switches").</summary>
    public static Color Part(string name)
    {
        var key = name.Replace(' ', '_');
        return Parts.TryGetValue(key, out var c) ? c : Hashed(key, Parts.Values);
    }

    /// <summary>Every built-in stack's and part's colour, for checks that none is shared.</summary>
    public static IReadOnlyDictionary<string, Color> BuiltInStacks => Stacks;

    /// <inheritdoc cref="BuiltInStacks"/>
    public static IReadOnlyDictionary<string, Color> BuiltInParts => Parts;

    private static Color Hashed(string name, IEnumerable<Color> scheme)
    {
        var colours = scheme.ToList();
        var hash = 2166136261u;
        foreach (var ch in name) hash = (hash ^ ch) * 16777619u;
        return colours[(int)(hash % (uint)colours.Count)];
    }
}
