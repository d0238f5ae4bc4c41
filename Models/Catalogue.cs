using NodeSim.Models.Isolation;
using NodeSim.Models.NodeKernels;
using NodeSim.Models.Parameters;
using NodeSim.Models.Soc;
using NodeSim.Models.Workloads;

namespace NodeSim.Models;

/// <summary>One parameter value of a registered preset, with everything declared about it.</summary>
/// <param name="Model">The kind of model: node kernel, hypervisor, SoC, profile.</param>
/// <param name="Preset">The preset's name: linux, hafnium, pine-a64, gups.</param>
/// <param name="Path">The path within the model, e.g. pages.huge_page_fraction.</param>
/// <param name="Paths">The full paths that reach it in a campaign, e.g. stack.primary.tick_hz and stack.guest.tick_hz.</param>
/// <param name="Value">The preset's value, as a file would give it.</param>
public sealed record CatalogueEntry(string Model, string Preset, string Path, IReadOnlyList<string> Paths, Parameter Parameter, bool Sweepable, string Value, Source Source);

/// <summary>
/// The whole parameter catalogue: every parameter of every registered node kernel, hypervisor, SoC,
/// job profile and interconnect, with the paths that reach it, its unit, range, whether it can be swept, and
/// the source of each preset's value. What <c>nodesim params</c> lists and the JSON Schema names.
/// </summary>
public static class Catalogue
{
    /// <summary>Where each kind of model sits in a campaign's parameter paths.</summary>
    public static readonly IReadOnlyDictionary<string, IReadOnlyList<string>> Roots = new Dictionary<string, IReadOnlyList<string>>
    {
        ["node kernel"] = ["stack.primary", "stack.guest"],
        ["hypervisor"] = ["stack.hypervisor"],
        ["SoC"] = ["soc"],
        ["profile"] = ["profile"],
        ["interconnect"] = ["interconnect"],
    };

    public static IEnumerable<CatalogueEntry> Entries() =>
        Of("node kernel", NodeKernelPresets.Registry.All)
            .Concat(Of("hypervisor", Hypervisors.Registry.All))
            .Concat(Of("SoC", SocPresets.Registry.All))
            .Concat(Of("profile", JobProfiles.Registry.All))
            .Concat(Of("interconnect", Network.Interconnects.Registry.All));

    /// <summary>Every path a campaign may set under <paramref name="root"/> (stack, soc or profile), without the root.</summary>
    public static IReadOnlyList<string> PathsUnder(string root) =>
        [.. Entries().SelectMany(e => e.Paths).Where(p => p.StartsWith(root + ".", StringComparison.Ordinal)).Select(p => p[(root.Length + 1)..]).Distinct()];

    private static IEnumerable<CatalogueEntry> Of<T>(string model, IEnumerable<Preset<T>> presets) where T : class, IParameterized =>
        Of(model, Roots[model], presets);

    /// <summary>The entries of <paramref name="presets"/>, reached under each of <paramref name="roots"/> (a root ending in '?' takes the name as a query key).</summary>
    public static IEnumerable<CatalogueEntry> Of<T>(string model, IReadOnlyList<string> roots, IEnumerable<Preset<T>> presets) where T : class, IParameterized =>
        presets.SelectMany(preset => preset.Model.Parameters.Described(preset.Model).Select(p => new CatalogueEntry(model, preset.Name, p.Path,
            [.. roots.Select(root => root.EndsWith('?') ? root + p.Path : $"{root}.{p.Path}")], p.Parameter, p.Sweepable && roots.Count > 0, p.Parameter.Text(p.Owner), preset.SourceOf(p.Path))));
}
