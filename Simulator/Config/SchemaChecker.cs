using System.Globalization;
using NodeSim.Models;
using YamlDotNet.RepresentationModel;

namespace NodeSim.Config;

/// <summary>
/// Checks a YAML document against a <see cref="SchemaNode"/>: unknown keys, types, allowed values,
/// ranges and required keys, each reported at its line and column with what is accepted.
/// </summary>
/// <param name="modelRoots">The roots of model parameter paths, so that such a path written where it does not belong gets a hint.</param>
internal sealed class SchemaChecker(string file, IReadOnlyList<string> modelRoots)
{
    public void Check(YamlNode node, SchemaNode schema, string path)
    {
        switch (schema)
        {
            case ScalarSchema s:
                if (node is not YamlScalarNode scalar || scalar.Value is null)
                    throw YamlErrors.At(file, node, path, $"expected {Expected(s)}, found {Kind(node)}");
                CheckScalar(scalar, s, path);
                break;
            case ListSchema l:
                if (node is not YamlSequenceNode seq) throw YamlErrors.At(file, node, path, $"expected a list, found {Kind(node)}");
                if (seq.Children.Count < l.MinItems) throw YamlErrors.At(file, node, path, $"the list is empty; give at least {l.MinItems}");
                for (var i = 0; i < seq.Children.Count; i++) Check(seq.Children[i], l.Item, $"{path}[{i}]");
                break;
            case MapSchema m:
                if (node is not YamlMappingNode map) throw YamlErrors.At(file, node, path, $"expected a mapping (key: value), found {Kind(node)}");
                foreach (var (k, v) in map.Children)
                {
                    var key = (k as YamlScalarNode)?.Value ?? throw YamlErrors.At(file, k, path, "keys must be plain names");
                    var childPath = path.Length == 0 ? key : $"{path}.{key}";
                    var field = m[key];
                    if (field is null)
                    {
                        if (m.OtherKeysAreParameters) continue; // e.g. a sweep's keys: checked as parameters later
                        if (m.Fields.Any(f => f.Name == "set") && modelRoots.Any(r => key.StartsWith(r + ".", StringComparison.Ordinal)))
                            throw YamlErrors.At(file, k, childPath, $"a model parameter goes under 'set:' (one value) or 'sweep:' (several), e.g. set: {{{key}: ...}}");
                        throw YamlErrors.At(file, k, childPath, UnknownName.Message("key", key, m.Fields.Select(f => f.Name)));
                    }
                    Check(v, field.Schema, childPath);
                }
                foreach (var f in m.Fields.Where(f => f.Required))
                    if (map.Children.Keys.OfType<YamlScalarNode>().All(k => k.Value != f.Name))
                        throw YamlErrors.At(file, node, path, $"missing required key '{f.Name}' ({f.Schema.Description})");
                break;
            case DictionarySchema d:
                if (node is not YamlMappingNode dict) throw YamlErrors.At(file, node, path, $"expected a mapping (key: value), found {Kind(node)}");
                foreach (var (k, v) in dict.Children)
                {
                    var key = (k as YamlScalarNode)?.Value ?? throw YamlErrors.At(file, k, path, "keys must be plain names");
                    Check(v, d.Value, path.Length == 0 ? key : $"{path}.{key}");
                }
                break;
            case OneOfSchema o:
                if (node is YamlScalarNode && o.Options.Any(x => x is ScalarSchema)) return;
                if (node is YamlSequenceNode && o.Options.OfType<ListSchema>().FirstOrDefault() is { } list) { Check(node, list, path); return; }
                if (node is YamlMappingNode && o.Options.OfType<MapSchema>().FirstOrDefault() is { } map2) { Check(node, map2, path); return; }
                throw YamlErrors.At(file, node, path, $"expected {o.Description}, found {Kind(node)}");
        }
    }

    private void CheckScalar(YamlScalarNode node, ScalarSchema s, string path)
    {
        var text = node.Value!;
        var ci = CultureInfo.InvariantCulture;
        double? number = null;
        switch (s.Type)
        {
            case ScalarType.Integer:
                if (!long.TryParse(text, NumberStyles.Integer, ci, out var n)) throw YamlErrors.At(file, node, path, $"'{text}' is not a whole number");
                number = n;
                break;
            case ScalarType.Number:
                if (!double.TryParse(text, NumberStyles.Float, ci, out var d) || !double.IsFinite(d)) throw YamlErrors.At(file, node, path, $"'{text}' is not a number");
                number = d;
                break;
            case ScalarType.Boolean:
                if (text is not ("true" or "false")) throw YamlErrors.At(file, node, path, $"'{text}' is not true or false");
                break;
        }
        if (number < s.Min) throw YamlErrors.At(file, node, path, $"{text} is below the minimum, {s.Min.Value.ToString(ci)}");
        if (number > s.Max) throw YamlErrors.At(file, node, path, $"{text} is above the maximum, {s.Max.Value.ToString(ci)}");
        if (s.Allowed is not null && !s.Allowed.Contains(text))
            throw YamlErrors.At(file, node, path, UnknownName.Message("value", text, s.Allowed));
    }

    private static string Expected(ScalarSchema s) => s.Type switch
    {
        ScalarType.Integer => "a whole number",
        ScalarType.Number => "a number",
        ScalarType.Boolean => "true or false",
        _ => s.Allowed is null ? "a single value" : $"one of {string.Join(", ", s.Allowed)}",
    };

    private static string Kind(YamlNode node) => node switch
    {
        YamlSequenceNode => "a list",
        YamlMappingNode => "a mapping",
        YamlScalarNode { Value: null or "" } => "nothing",
        _ => "a single value",
    };

    /// <summary>Refuses a document of more than <see cref="CampaignLimits.MaxNodes"/> nodes, each alias counted at every use.</summary>
    public void CheckSize(YamlNode root)
    {
        long nodes = 0;
        var pending = new Stack<YamlNode>();
        pending.Push(root);
        while (pending.TryPop(out var node))
        {
            if (++nodes > CampaignLimits.MaxNodes)
                throw YamlErrors.At(file, node, "", $"the file expands to more than {CampaignLimits.MaxNodes:N0} values (anchors and aliases count at every use); a campaign is far smaller");
            switch (node)
            {
                case YamlSequenceNode list:
                    foreach (var child in list.Children) pending.Push(child);
                    break;
                case YamlMappingNode map:
                    foreach (var (key, value) in map.Children)
                    {
                        pending.Push(key);
                        pending.Push(value);
                    }
                    break;
            }
        }
    }
}
