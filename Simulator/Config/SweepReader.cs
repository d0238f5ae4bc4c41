using System.Globalization;
using NodeSim.Engine;
using YamlDotNet.RepresentationModel;
using static NodeSim.Config.YamlNodes;

namespace NodeSim.Config;

/// <summary>
/// Expands a scenario's <c>sweep:</c> into its points: every key a grid dimension (a list of values
/// or a range <c>{from, to, step}</c>), the keys under <c>zip:</c> advancing together. Sizes are
/// counted before anything is built, so a sweep of 10⁹ points is refused in little memory.
/// </summary>
/// <param name="checkName">Refuses a key that names no parameter of the scenario (at the key's node).</param>
internal sealed class SweepReader(string file, SchemaChecker checker, Action<YamlNode, string, string> checkName)
{
    public (IReadOnlyList<string> Swept, IReadOnlyList<SweepPoint> Points) Read(YamlMappingNode? sweep, string path)
    {
        if (sweep is null) return ([], [new SweepPoint(0, [])]);
        var grid = new List<(string Name, List<ParameterValue> Values)>();
        List<(string Name, List<ParameterValue> Values)>? zip = null;
        foreach (var (key, keyNode, v) in Entries(sweep))
        {
            if (key == "zip")
            {
                if (v is not YamlMappingNode zipNode || zipNode.Children.Count == 0)
                    throw YamlErrors.At(file, v, $"{path}.zip", "expected a mapping of parameters to lists of equal length");
                zip = [.. Entries(zipNode).Select(z => (z.Key, Values(z.Value, $"{path}.zip.{z.Key}", z.Key, z.KeyNode, rangeAllowed: false)))];
                var lengths = zip.Select(z => z.Values.Count).Distinct().ToList();
                if (lengths.Count > 1)
                    throw YamlErrors.At(file, v, $"{path}.zip", $"zipped lists must have equal lengths (found {string.Join(", ", zip.Select(z => $"{z.Name}: {z.Values.Count}"))})");
                continue;
            }
            grid.Add((key, Values(v, $"{path}.{key}", key, keyNode, rangeAllowed: true)));
        }
        if (grid.Count == 0 && zip is null) throw YamlErrors.At(file, sweep, path, "the sweep is empty; give at least one parameter and its values, or drop 'sweep'");
        var names = grid.Select(g => g.Name).Concat(zip?.Select(z => z.Name) ?? []).ToList();
        var repeated = names.GroupBy(n => n).FirstOrDefault(g => g.Count() > 1);
        if (repeated is not null) throw YamlErrors.At(file, sweep, path, $"'{repeated.Key}' is swept twice");

        var size = grid.Aggregate(1.0, (product, g) => product * g.Values.Count) * (zip?[0].Values.Count ?? 1);
        if (size > CampaignLimits.MaxPoints)
            throw YamlErrors.At(file, sweep, path, $"the sweep has {CampaignLimits.Count(size)} points ({string.Join(" × ", names.Select(n => $"{grid.Concat(zip ?? []).First(g => g.Name == n).Values.Count:N0} {n}"))}); at most {CampaignLimits.MaxPoints:N0}");
        IEnumerable<List<ParameterValue>> combos = [[]];
        foreach (var (_, values) in grid)
            combos = combos.SelectMany(c => values.Select(v => (List<ParameterValue>)[.. c, v])).ToList();
        if (zip is not null)
            combos = combos.SelectMany(c => Enumerable.Range(0, zip[0].Values.Count).Select(i => (List<ParameterValue>)[.. c, .. zip.Select(z => z.Values[i])])).ToList();
        return (names, [.. combos.Select((c, i) => new SweepPoint(i, c))]);
    }

    private List<ParameterValue> Values(YamlNode node, string path, string name, YamlNode keyNode, bool rangeAllowed)
    {
        checkName(keyNode, path, name);
        switch (node)
        {
            case YamlSequenceNode { Children.Count: 0 }:
                throw YamlErrors.At(file, node, path, "the list of values is empty; give at least one value");
            case YamlSequenceNode list:
                return [.. list.Children.Select(c => c is YamlScalarNode s ? Value(file, name, s, path)
                    : throw YamlErrors.At(file, c, path, "expected a single value in the list"))];
            case YamlMappingNode range when rangeAllowed:
                return Range(range, path, name);
            case YamlScalarNode scalar:
                throw YamlErrors.At(file, scalar, path, $"'{scalar.Value}' is a single value; a sweep takes a list ([a, b, c]){(rangeAllowed ? " or a range ({from: 1, to: 5, step: 1})" : "")}");
            default:
                throw YamlErrors.At(file, node, path, rangeAllowed ? "expected a list of values or a range {from, to, step}" : "expected a list of values");
        }
    }

    private List<ParameterValue> Range(YamlMappingNode node, string path, string name)
    {
        checker.CheckNow(node, CampaignSchema.Range, path);
        double Get(string key) => double.Parse(Scalar(node, key)!, CultureInfo.InvariantCulture);
        var (from, to, step) = (Get("from"), Get("to"), Get("step"));
        if (!(step > 0)) throw YamlErrors.At(file, Child(node, "step")!, $"{path}.step", $"the step must be positive (got {step.ToString(CultureInfo.InvariantCulture)})");
        if (from > to) throw YamlErrors.At(file, node, path, $"the range runs backwards (from {from.ToString(CultureInfo.InvariantCulture)} to {to.ToString(CultureInfo.InvariantCulture)}); 'from' must not exceed 'to'");
        // Counted before anything is built, in floating point: no overflow, and NaN or infinity fail the test too.
        var values = Math.Floor((to - from) / step + 1e-9) + 1;
        if (!(values <= CampaignLimits.MaxPoints))
            throw YamlErrors.At(file, node, path, $"the range has {CampaignLimits.Count(values)} values; at most {CampaignLimits.MaxPoints:N0}");
        var count = (int)values;
        return [.. Enumerable.Range(0, count)
            .Select(i => new ParameterValue(name, (from + i * step).ToString("R", CultureInfo.InvariantCulture), file, node.Start.Line, node.Start.Column, path))];
    }

    /// <summary>A parameter value as written at <paramref name="node"/>.</summary>
    public static ParameterValue Value(string file, string name, YamlScalarNode node, string path) =>
        new(name, node.Value ?? "", file, node.Start.Line, node.Start.Column, path);
}
