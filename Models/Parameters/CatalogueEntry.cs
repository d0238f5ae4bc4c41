namespace NodeSim.Models.Parameters;

/// <summary>One parameter value of a registered preset, with everything declared about it: a row of <c>nodesim params</c>.</summary>
/// <param name="Model">The kind of model: node kernel, hypervisor, SoC, profile, scenario kind.</param>
/// <param name="Preset">The preset's name: linux, hafnium, pine-a64, gups, job.</param>
/// <param name="Path">The path within the model, e.g. pages.huge_page_fraction.</param>
/// <param name="Paths">The full paths that reach it in a campaign, e.g. stack.primary.tick_hz and stack.guest.tick_hz.</param>
/// <param name="Value">The preset's value, as a file would give it.</param>
public sealed record CatalogueEntry(string Model, string Preset, string Path, IReadOnlyList<string> Paths, Parameter Parameter, bool Sweepable, string Value, Source Source)
{
    /// <summary>The entries of <paramref name="presets"/>, reached under each of <paramref name="roots"/> (a root ending in '?' takes the name as a query key, one ending in '.' is a prefix, an empty one the name alone).</summary>
    public static IEnumerable<CatalogueEntry> Of<T>(string model, IReadOnlyList<string> roots, IEnumerable<Preset<T>> presets) where T : class =>
        presets.SelectMany(preset => preset.Parameters.Described(preset.Model).Select(p => new CatalogueEntry(model, preset.Name, p.Path,
            [.. roots.Select(root => root.EndsWith('?') || root.Length == 0 ? root + p.Path : $"{root}.{p.Path}")], p.Parameter,
            p.Sweepable && roots.Count > 0, p.Parameter.Text(p.Owner), preset.SourceOf(p.Path))));
}
