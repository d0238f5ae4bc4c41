using ScottPlot;

namespace NodeSim.Reporting.Plots;

/// <summary>
/// Colours keyed by name, the same in every plot of every campaign. Stacks take Okabe and Ito's colour-blind-safe eight
/// ("Color Universal Design", 2008): the Linux primaries warm, the Kitten ones cool, the ideal machine black. The parts of a
/// ledger (the causes, a request's queueing and service) take Paul Tol's "muted" and "light" schemes (SRON/EPS/TN/09-002,
/// 2021), so a cause never wears a stack's colour. A name without a colour of its own (a campaign's own stack, a new cause)
/// takes one from the rest of its scheme by a hash of the name (FNV-1a): stable across runs and campaigns. A stack's line
/// also has a marker and a pattern of its own (Linux circles and squares, Kitten triangles; dashed natively, solid under
/// Hafnium, dotted for the ideal machine), so curves stay apart in grey print. Other series (profiles on a timeline, base
/// points, cores) take Tol's "vibrant" scheme.
/// </summary>
public static class Palette
{
    private static readonly Dictionary<string, Color> Stacks = new()
    {
        ["ideal"] = Color.FromHex("#000000"),
        ["native-linux"] = Color.FromHex("#56B4E9"),
        ["native-linux-tuned"] = Color.FromHex("#C9B200"),   // Okabe-Ito's yellow (#F0E442) darkened: the pale original vanishes on white as a line
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
        ["message_relay"] = Color.FromHex("#225555"),
        ["measured_noise"] = Color.FromHex("#BBCC33"),
        ["collective_amplification"] = Color.FromHex("#EE8866"),
        ["housekeeping_cores"] = Color.FromHex("#AAAA00"),
        ["queueing"] = Color.FromHex("#777777"),
        ["service"] = Color.FromHex("#FFAABB"),
    };

    private static readonly Dictionary<string, (MarkerShape Marker, LinePattern Pattern)> StackLines = new()
    {
        ["ideal"] = (MarkerShape.Cross, LinePattern.Dotted),
        ["native-linux"] = (MarkerShape.OpenCircle, LinePattern.Dashed),
        ["native-linux-tuned"] = (MarkerShape.OpenDiamond, LinePattern.Dashed),
        ["native-kitten"] = (MarkerShape.OpenTriangleUp, LinePattern.Dashed),
        ["hafnium-linux"] = (MarkerShape.FilledCircle, LinePattern.Solid),
        ["hafnium-linux-tuned"] = (MarkerShape.FilledDiamond, LinePattern.Solid),
        ["hafnium-linux-linuxguest"] = (MarkerShape.FilledSquare, LinePattern.Solid),
        ["hafnium-kitten"] = (MarkerShape.FilledTriangleUp, LinePattern.Solid),
    };

    // Tol's vibrant scheme, ordered so that neighbours differ most (blue, orange, teal, red, cyan, magenta, grey).
    private static readonly Color[] Vibrant = [.. new[] { "#0077BB", "#EE7733", "#009988", "#CC3311", "#33BBEE", "#EE3377", "#BBBBBB" }.Select(Color.FromHex)];

    // The built-in job profiles on a timeline, each its own colour (a hash of six names into seven colours collides).
    private static readonly Dictionary<string, Color> Profiles = new()
    {
        ["compute"] = Vibrant[0], ["stream"] = Vibrant[1], ["gups"] = Vibrant[2], ["stencil"] = Vibrant[3], ["bsp-allreduce"] = Vibrant[4], ["io"] = Vibrant[5],
    };

    /// <summary>A stack's colour, marker and line pattern.</summary>
    public static SeriesLook StackLook(string name)
    {
        var (marker, pattern) = StackLines.TryGetValue(name, out var line) ? line
            : (Pick(name, StackLines.Values.Select(l => l.Marker).Distinct()), Pick(name + "/", new[] { LinePattern.Solid, LinePattern.Dashed }));
        return new SeriesLook(Stack(name), marker, pattern);
    }

    /// <summary>The <paramref name="index"/>th of a series that is neither stacks nor causes (cores, base points): solid and dashed in turn.</summary>
    public static SeriesLook Series(int index) =>
        new(Vibrant[index % Vibrant.Length], StackLines.Values.ElementAt(index % StackLines.Count).Marker, index % 2 == 0 ? LinePattern.Solid : LinePattern.Dashed);

    /// <summary>A job profile on a timeline: a built-in one its own colour, another by a hash of its name.</summary>
    public static Color Profile(string name) => Profiles.TryGetValue(name, out var c) ? c : Pick(name, Vibrant);

    /// <summary>A stack's colour.</summary>
    public static Color Stack(string name) => Stacks.TryGetValue(name, out var c) ? c : Pick(name, Stacks.Values);

    /// <summary>A ledger part's colour, by its key or its label (<c>world_switches</c> or "world switches").</summary>
    public static Color Part(string name)
    {
        var key = name.Replace(' ', '_');
        return Parts.TryGetValue(key, out var c) ? c : Pick(key, Parts.Values);
    }

    /// <summary>Every built-in stack's and part's colour, for checks that none is shared.</summary>
    public static IReadOnlyDictionary<string, Color> BuiltInStacks => Stacks;

    /// <inheritdoc cref="BuiltInStacks"/>
    public static IReadOnlyDictionary<string, Color> BuiltInParts => Parts;

    private static T Pick<T>(string name, IEnumerable<T> choices)
    {
        var list = choices.ToList();
        var hash = 2166136261u;
        foreach (var ch in name) hash = (hash ^ ch) * 16777619u;
        return list[(int)(hash % (uint)list.Count)];
    }
}

/// <summary>How a series is drawn: its colour, marker and line pattern.</summary>
public sealed record SeriesLook(Color Colour, MarkerShape Marker, LinePattern Pattern);
