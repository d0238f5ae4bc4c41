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
    private readonly List<UserInputException> errors = [];
    private readonly List<string> paths = [];

    /// <summary>Every problem found so far, in the file's order of checking.</summary>
    public IReadOnlyList<UserInputException> Errors => errors;

    /// <summary>The problems found at <paramref name="path"/> or anywhere under it.</summary>
    public IEnumerable<UserInputException> ErrorsUnder(string path) =>
        errors.Where((_, i) => paths[i] == path || paths[i].StartsWith(path + ".", StringComparison.Ordinal) || paths[i].StartsWith(path + "[", StringComparison.Ordinal));

    /// <summary>
    /// Checks <paramref name="node"/> against <paramref name="schema"/>, recording each problem in <see cref="Errors"/> and going
    /// on past it (a value it cannot read is skipped, its siblings are still checked), so one pass finds every typo.
    /// </summary>
    public void Check(YamlNode node, SchemaNode schema, string path)
    {
        switch (schema)
        {
            case ScalarSchema s:
                if (node is not YamlScalarNode scalar || scalar.Value is null)
                {
                    Report(node, path, $"expected {Expected(s)}, found {Kind(node)}");
                    return;
                }
                CheckScalar(scalar, s, path);
                break;
            case ListSchema l:
                if (node is not YamlSequenceNode seq)
                {
                    Report(node, path, $"expected a list, found {Kind(node)}");
                    return;
                }
                if (seq.Children.Count < l.MinItems) Report(node, path, $"the list is empty; give at least {l.MinItems}");
                for (var i = 0; i < seq.Children.Count; i++) Check(seq.Children[i], l.Item, $"{path}[{i}]");
                break;
            case MapSchema m:
                if (node is not YamlMappingNode map)
                {
                    Report(node, path, $"expected a mapping (key: value), found {Kind(node)}");
                    return;
                }
                foreach (var (k, v) in map.Children)
                {
                    if ((k as YamlScalarNode)?.Value is not { } key)
                    {
                        Report(k, path, "keys must be plain names");
                        continue;
                    }
                    var childPath = path.Length == 0 ? key : $"{path}.{key}";
                    var field = m[key];
                    if (field is null)
                    {
                        if (m.OtherKeysAreParameters) continue; // e.g. a sweep's keys: checked as parameters later
                        if (m.Fields.Any(f => f.Name == "set") && modelRoots.Any(r => key.StartsWith(r + ".", StringComparison.Ordinal)))
                            Report(k, childPath, $"a model parameter goes under 'set:' (one value) or 'sweep:' (several), e.g. set: {{{key}: ...}}");
                        else Report(k, childPath, UnknownName.Message("key", key, m.Fields.Select(f => f.Name)));
                        continue;
                    }
                    Check(v, field.Schema, childPath);
                }
                foreach (var f in m.Fields.Where(f => f.Required))
                    if (map.Children.Keys.OfType<YamlScalarNode>().All(k => k.Value != f.Name))
                        Report(node, path, $"missing required key '{f.Name}' ({f.Schema.Description})");
                break;
            case DictionarySchema d:
                if (node is not YamlMappingNode dict)
                {
                    Report(node, path, $"expected a mapping (key: value), found {Kind(node)}");
                    return;
                }
                foreach (var (k, v) in dict.Children)
                {
                    if ((k as YamlScalarNode)?.Value is not { } key) Report(k, path, "keys must be plain names");
                    else Check(v, d.Value, path.Length == 0 ? key : $"{path}.{key}");
                }
                break;
            case OneOfSchema o:
                if (node is YamlScalarNode && o.Options.Any(x => x is ScalarSchema)) return;
                if (node is YamlSequenceNode && o.Options.OfType<ListSchema>().FirstOrDefault() is { } list) { Check(node, list, path); return; }
                if (node is YamlMappingNode && o.Options.OfType<MapSchema>().FirstOrDefault() is { } map2) { Check(node, map2, path); return; }
                Report(node, path, $"expected {o.Description}, found {Kind(node)}");
                break;
        }
    }

    /// <summary>Checks a node whose reader needs it valid at once (a sweep's range): its problems are thrown now, not kept.</summary>
    public void CheckNow(YamlNode node, SchemaNode schema, string path)
    {
        var before = errors.Count;
        Check(node, schema, path);
        if (errors.Count == before) return;
        var found = errors[before..];
        errors.RemoveRange(before, found.Count);
        paths.RemoveRange(before, found.Count);
        throw CampaignFileErrors.Combine(found);
    }

    /// <summary>Throws every problem recorded so far, as one error (<see cref="CampaignFileErrors"/>); nothing when there is none.</summary>
    public void ThrowIfAny()
    {
        if (errors.Count > 0) throw CampaignFileErrors.Combine(errors);
    }

    private void Report(YamlNode node, string path, string problem)
    {
        var error = YamlErrors.At(file, node, path, problem);
        // A node checked twice (define_stacks, first alone, then as part of the file) is reported once.
        if (errors.Any(e => e.Message == error.Message)) return;
        errors.Add(error);
        paths.Add(path);
    }

    private void CheckScalar(YamlScalarNode node, ScalarSchema s, string path)
    {
        var text = node.Value!;
        var ci = CultureInfo.InvariantCulture;
        double? number = null;
        switch (s.Type)
        {
            case ScalarType.Integer:
                if (!long.TryParse(text, NumberStyles.Integer, ci, out var n))
                {
                    Report(node, path, $"'{text}' is not a whole number");
                    return;
                }
                number = n;
                break;
            case ScalarType.Number:
                if (!double.TryParse(text, NumberStyles.Float, ci, out var d) || !double.IsFinite(d))
                {
                    Report(node, path, $"'{text}' is not a number");
                    return;
                }
                number = d;
                break;
            case ScalarType.Boolean:
                if (text is not ("true" or "false")) Report(node, path, $"'{text}' is not true or false");
                break;
        }
        if (number < s.Min) Report(node, path, $"{text} is below the minimum, {s.Min.Value.ToString("0.##########", ci)}");
        else if (number > s.Max) Report(node, path, $"{text} is above the maximum, {s.Max.Value.ToString("0.##########", ci)}");
        else if (s.Allowed is not null && !s.Allowed.Contains(text)) Report(node, path, UnknownName.Message("value", text, s.Allowed));
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
