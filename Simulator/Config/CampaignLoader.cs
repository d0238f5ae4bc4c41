using NodeSim.Kernel;
using NodeSim.Traces;
using NodeSim.Models;
using NodeSim.Engine;
using System.Globalization;
using System.Security.Cryptography;
using NodeSim.Models.Isolation;
using NodeSim.Models.NodeKernels;
using NodeSim.Models.Parameters;
using NodeSim.Reporting;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace NodeSim.Config;

/// <summary>
/// Reads and validates a campaign file. Every problem is reported as
/// <c>file:line:column: key.path: what is wrong; what is accepted</c>, before anything runs.
/// </summary>
public static class CampaignLoader
{
    /// <param name="reseed">With a value N, every run draws fresh random numbers: the campaign seed becomes one derived from (its seed, N).</param>
    public static Campaign Load(string path, ulong? reseed = null)
    {
        if (Directory.Exists(path)) throw new UserInputException($"{path}: is a directory, expected a campaign file (.yaml)");
        if (!File.Exists(path)) throw new UserInputException($"{path}: no such file");
        byte[] bytes;
        try
        {
            var info = new FileInfo(path);
            if ((info.Attributes & (FileAttributes.Device | FileAttributes.ReparsePoint)) == FileAttributes.Device)
                throw new UserInputException($"{path}: is a device, expected a campaign file (.yaml)");
            if (info.Length > CampaignLimits.MaxFileBytes)
                throw new UserInputException($"{path}: {info.Length:N0} bytes; a campaign file has at most {CampaignLimits.MaxFileBytes:N0} (is this the right file?)");
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UserInputException($"{path}: cannot be read ({e.Message})", e);
        }
        return Parse(path, System.Text.Encoding.UTF8.GetString(bytes), Convert.ToHexStringLower(SHA256.HashData(bytes)), reseed);
    }

    public static Campaign Parse(string file, string text, string sha256 = "", ulong? reseed = null)
    {
        CampaignLimits.CheckNesting(file, text);
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            throw YamlErrors.At(file, e.Start, "", $"not valid YAML ({FirstLine(e.InnerException?.Message ?? e.Message)})");
        }
        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
            throw new UserInputException($"{file}:1:1: a campaign is a mapping with 'campaign' and 'scenarios'; the file is empty or not a mapping");
        CheckSize(file, root);

        // Defined stacks extend the names scenarios may use, so read them before validating the rest.
        var stacks = IsolationStack.BuiltIn.ToDictionary(s => s.Name, s => s);
        if (Child(root, "define_stacks") is { } defined)
        {
            Structure(file, defined, new DictionarySchema(CampaignSchema.StackDefinition, "", ""), "define_stacks");
            foreach (var (keyNode, definition) in ((YamlMappingNode)defined).Children)
            {
                var name = ((YamlScalarNode)keyNode).Value!;
                if (stacks.Keys.FirstOrDefault(other => other != name && FileNames.Sanitize(other) == FileNames.Sanitize(name)) is { } clash)
                    throw YamlErrors.At(file, keyNode, $"define_stacks.{name}", $"stack names '{clash}' and '{name}' both become the file name '{FileNames.Sanitize(name)}'; rename it");
                if (stacks.ContainsKey(name))
                    throw YamlErrors.At(file, keyNode, $"define_stacks.{name}", "a stack of this name exists already; choose another name");
                stacks[name] = DefineStack(file, name, (YamlMappingNode)definition);
            }
        }
        Structure(file, root, CampaignSchema.Campaign(stacks.Keys), "");

        var name0 = Scalar(root, "campaign")!;
        var seed = ulong.Parse(Scalar(root, "seed") ?? "1", CultureInfo.InvariantCulture);
        if (reseed is { } r) seed = RandomStream.DeriveSeed(seed, $"reseed-{r.ToString(CultureInfo.InvariantCulture)}");
        var replications = int.Parse(Scalar(root, "replications") ?? "3", CultureInfo.InvariantCulture);
        var scenarios = new List<ScenarioSpec>();
        var seen = new Dictionary<string, long>();
        var list = (YamlSequenceNode)Child(root, "scenarios")!;
        for (var i = 0; i < list.Children.Count; i++)
        {
            var node = (YamlMappingNode)list.Children[i];
            var path = $"scenarios[{i}]";
            var name = Scalar(node, "name")!;
            if (seen.TryGetValue(name, out var firstLine))
                throw YamlErrors.At(file, Child(node, "name")!, $"{path}.name", $"duplicate scenario name '{name}' (first used on line {firstLine}); scenario names must be unique");
            seen[name] = Child(node, "name")!.Start.Line;
            // Scenario names become file names: two that sanitise alike would share result files.
            if (seen.Keys.FirstOrDefault(other => other != name && FileNames.Sanitize(other) == FileNames.Sanitize(name)) is { } clash)
                throw YamlErrors.At(file, Child(node, "name")!, $"{path}.name",
                    $"scenario names '{clash}' and '{name}' both become the file name '{FileNames.Sanitize(name)}'; rename one");
            scenarios.Add(Scenario(file, node, path, replications, stacks));
        }
        var runs = scenarios.Sum(s => (double)s.Points.Count * s.Replications * s.Stacks.Count);
        if (runs > CampaignLimits.MaxRuns)
            throw new UserInputException($"{file}: the campaign has {CampaignLimits.Count(runs)} runs (points × replications × stacks); at most {CampaignLimits.MaxRuns:N0}");
        var campaign = new Campaign(name0, Scalar(root, "description"), seed, replications, file, sha256, stacks, scenarios, []) { Reseed = reseed };
        return campaign with { Runs = ScenarioResolver.Plan(campaign) };
    }

    /// <summary>A stack composed of registered parts: a node kernel as primary, a hypervisor (or none), a guest kernel, and overrides.</summary>
    private static IsolationStack DefineStack(string file, string name, YamlMappingNode node)
    {
        // The schema has checked the names against the registries already.
        var primary = NodeKernelPresets.Registry.Get(Scalar(node, "primary")!).Model;
        var hypervisor = Scalar(node, "hypervisor") is { } h && h != "none" ? Hypervisors.Registry.Get(h).Model : null;
        var guestName = Scalar(node, "guest");
        if (hypervisor is null && guestName is not null)
            throw YamlErrors.At(file, Child(node, "guest")!, $"define_stacks.{name}.guest", "a guest kernel needs a hypervisor (e.g. hypervisor: hafnium)");
        var stack = new IsolationStack(name, Scalar(node, "description") ?? $"{primary.Name}{(hypervisor is null ? " on bare metal" : $" primary under {hypervisor.Name}")}",
            primary, hypervisor, hypervisor is null ? null : NodeKernelPresets.Registry.Get(guestName ?? "kitten").Model);
        if (Child(node, "set") is YamlMappingNode set)
        {
            foreach (var (k, v) in set.Children)
            {
                var key = ((YamlScalarNode)k).Value!;
                try
                {
                    stack = stack.Parameters.With(stack, key, ((YamlScalarNode)v).Value!);
                }
                catch (ParameterException e)
                {
                    throw YamlErrors.At(file, v, $"define_stacks.{name}.set.{key}", e.Message);
                }
            }
        }
        try
        {
            stack.Validate();
        }
        catch (ParameterException e)
        {
            throw YamlErrors.At(file, node, $"define_stacks.{name}", e.Message);
        }
        return stack;
    }

    private static ScenarioSpec Scenario(string file, YamlMappingNode node, string path, int defaultReplications, IReadOnlyDictionary<string, IsolationStack> stacks)
    {
        // The schema has checked the name against ScenarioKinds already.
        var kind = ScenarioKinds.Find(Scalar(node, "kind")!)!.Value;
        foreach (var (k, _) in node.Children)
        {
            var key = ((YamlScalarNode)k).Value!;
            if (kind == ScenarioKind.Job && key is "trace" or "nodes" or "policy" or "backfill" or "mix" or "estimate")
                throw YamlErrors.At(file, k, $"{path}.{key}", "applies to replay scenarios only (this one is kind: job)");
            if (kind == ScenarioKind.Replay && key is "profile" or "ranks" or "inject_noise")
                throw YamlErrors.At(file, k, $"{path}.{key}", "applies to job scenarios only (this one is kind: replay); a replay's jobs get profiles from 'mix'");
            if (kind != ScenarioKind.Edge && key is "cores" or "cores_per_request" or "load" or "rate_scale" or "queue_limit")
                throw YamlErrors.At(file, k, $"{path}.{key}", $"applies to edge scenarios only (this one is kind: {kind.Name()})");
            if (kind == ScenarioKind.Edge && key is "profile" or "ranks" or "inject_noise" or "window_s" or "nodes" or "policy" or "backfill" or "mix" or "estimate")
                throw YamlErrors.At(file, k, $"{path}.{key}", "does not apply to edge scenarios (they take trace, cores, cores_per_request, load, rate_scale, queue_limit)");
        }
        if (kind == ScenarioKind.Job && Child(node, "profile") is null && !Swept(node, "profile"))
            throw YamlErrors.At(file, node, path, "a job scenario needs a profile (or a sweep over profile)");
        if (kind is ScenarioKind.Replay or ScenarioKind.Edge && Child(node, "trace") is null && !Swept(node, "trace"))
            throw YamlErrors.At(file, node, path, "a replay scenario needs a trace (an SWF file or a generator such as synthetic:hpc?jobs=5000)");

        var fixedValues = new List<ParameterValue>();
        foreach (var key in CampaignSchema.ScenarioParameters)
            if (Child(node, key) is YamlScalarNode v) fixedValues.Add(Value(file, key, v, $"{path}.{key}"));
        if (Child(node, "set") is YamlMappingNode set)
            foreach (var (k, v) in set.Children)
            {
                var key = ((YamlScalarNode)k).Value!;
                CheckParameterName(file, k, $"{path}.set.{key}", key, kind);
                if (v is not YamlScalarNode scalar) throw YamlErrors.At(file, v, $"{path}.set.{key}", "expected a single value");
                fixedValues.Add(Value(file, key, scalar, $"{path}.set.{key}"));
            }

        var (swept, points) = Sweep(file, Child(node, "sweep") as YamlMappingNode, $"{path}.sweep", kind);
        var stackNames = ((YamlSequenceNode)Child(node, "stacks")!).Children.Select(c => ((YamlScalarNode)c).Value!).ToList();
        var duplicate = stackNames.GroupBy(s => s).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null) throw YamlErrors.At(file, Child(node, "stacks")!, $"{path}.stacks", $"'{duplicate.Key}' is listed twice");
        return new ScenarioSpec(Scalar(node, "name")!, kind, Scalar(node, "description"), stackNames,
            int.Parse(Scalar(node, "replications") ?? defaultReplications.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture),
            fixedValues, swept, points);
    }

    private static bool Swept(YamlMappingNode scenario, string key) =>
        Child(scenario, "sweep") is YamlMappingNode sweep &&
        (Child(sweep, key) is not null || (Child(sweep, "zip") is YamlMappingNode zip && Child(zip, key) is not null));

    private static void CheckParameterName(string file, YamlNode at, string path, string key, ScenarioKind kind)
    {
        var root = key.Split('.')[0];
        if (key.Contains('.') && CampaignSchema.ModelRoots.Contains(root))
        {
            if (root == "profile" && kind != ScenarioKind.Job) throw YamlErrors.At(file, at, path, "profile.* parameters apply to job scenarios only");
            return;
        }
        if (CampaignSchema.ScenarioParameters.Contains(key)) return;
        var known = CampaignSchema.ScenarioParameters.Concat(CampaignSchema.ModelRoots.Select(r => r + ".…"));
        throw YamlErrors.At(file, at, path, UnknownName.Message("parameter", key, known) + " (a model path such as stack.primary.tick_hz or soc.l2.size_bytes; nodesim params lists them)");
    }

    private static (IReadOnlyList<string> Swept, IReadOnlyList<SweepPoint> Points) Sweep(string file, YamlMappingNode? sweep, string path, ScenarioKind kind)
    {
        if (sweep is null) return ([], [new SweepPoint(0, [])]);
        var grid = new List<(string Name, List<ParameterValue> Values)>();
        List<(string Name, List<ParameterValue> Values)>? zip = null;
        foreach (var (k, v) in sweep.Children)
        {
            var key = ((YamlScalarNode)k).Value!;
            if (key == "zip")
            {
                if (v is not YamlMappingNode zipNode || zipNode.Children.Count == 0)
                    throw YamlErrors.At(file, v, $"{path}.zip", "expected a mapping of parameters to lists of equal length");
                zip = zipNode.Children.Select(z => ( ((YamlScalarNode)z.Key).Value!, Values(file, z.Value, $"{path}.zip.{((YamlScalarNode)z.Key).Value}", ((YamlScalarNode)z.Key).Value!, kind, z.Key, rangeAllowed: false))).ToList();
                var lengths = zip.Select(z => z.Item2.Count).Distinct().ToList();
                if (lengths.Count > 1)
                    throw YamlErrors.At(file, v, $"{path}.zip", $"zipped lists must have equal lengths (found {string.Join(", ", zip.Select(z => $"{z.Item1}: {z.Item2.Count}"))})");
                continue;
            }
            grid.Add((key, Values(file, v, $"{path}.{key}", key, kind, k, rangeAllowed: true)));
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
        var points = combos.Select((c, i) => new SweepPoint(i, c)).ToList();
        return (names, points);
    }

    private static List<ParameterValue> Values(string file, YamlNode node, string path, string name, ScenarioKind kind, YamlNode keyNode, bool rangeAllowed)
    {
        CheckParameterName(file, keyNode, path, name, kind);
        switch (node)
        {
            case YamlSequenceNode { Children.Count: 0 }:
                throw YamlErrors.At(file, node, path, "the list of values is empty; give at least one value");
            case YamlSequenceNode list:
                return list.Children.Select(c => c is YamlScalarNode s ? Value(file, name, s, path)
                    : throw YamlErrors.At(file, c, path, "expected a single value in the list")).ToList();
            case YamlMappingNode range when rangeAllowed:
                return Range(file, range, path, name);
            case YamlScalarNode scalar:
                throw YamlErrors.At(file, scalar, path, $"'{scalar.Value}' is a single value; a sweep takes a list ([a, b, c]){(rangeAllowed ? " or a range ({from: 1, to: 5, step: 1})" : "")}");
            default:
                throw YamlErrors.At(file, node, path, rangeAllowed ? "expected a list of values or a range {from, to, step}" : "expected a list of values");
        }
    }

    private static List<ParameterValue> Range(string file, YamlMappingNode node, string path, string name)
    {
        Structure(file, node, new MapSchema("a range",
        [
            new("from", new ScalarSchema(ScalarType.Number, "first value"), true),
            new("to", new ScalarSchema(ScalarType.Number, "last value"), true),
            new("step", new ScalarSchema(ScalarType.Number, "increment"), true),
        ]), path);
        double Get(string key) => double.Parse(Scalar(node, key)!, CultureInfo.InvariantCulture);
        var (from, to, step) = (Get("from"), Get("to"), Get("step"));
        if (!(step > 0)) throw YamlErrors.At(file, Child(node, "step")!, $"{path}.step", $"the step must be positive (got {step.ToString(CultureInfo.InvariantCulture)})");
        if (from > to) throw YamlErrors.At(file, node, path, $"the range runs backwards (from {from.ToString(CultureInfo.InvariantCulture)} to {to.ToString(CultureInfo.InvariantCulture)}); 'from' must not exceed 'to'");
        // Counted before anything is built, in floating point: no overflow, and NaN or infinity fail the test too.
        var values = Math.Floor((to - from) / step + 1e-9) + 1;
        if (!(values <= CampaignLimits.MaxPoints))
            throw YamlErrors.At(file, node, path, $"the range has {CampaignLimits.Count(values)} values; at most {CampaignLimits.MaxPoints:N0}");
        var count = (int)values;
        return Enumerable.Range(0, count)
            .Select(i => new ParameterValue(name, (from + i * step).ToString("R", CultureInfo.InvariantCulture), file, node.Start.Line, node.Start.Column, path)).ToList();
    }

    /// <summary>Refuses a document of more than <see cref="CampaignLimits.MaxNodes"/> nodes, each alias counted at every use.</summary>
    private static void CheckSize(string file, YamlNode root)
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

    private static ParameterValue Value(string file, string name, YamlScalarNode node, string path) =>
        new(name, node.Value ?? "", file, node.Start.Line, node.Start.Column, path);

    /// <summary>Checks a node against the schema: keys, types, allowed values, ranges.</summary>
    private static void Structure(string file, YamlNode node, SchemaNode schema, string path)
    {
        switch (schema)
        {
            case ScalarSchema s:
                if (node is not YamlScalarNode scalar || scalar.Value is null)
                    throw YamlErrors.At(file, node, path, $"expected {Expected(s)}, found {Kind(node)}");
                CheckScalar(file, scalar, s, path);
                break;
            case ListSchema l:
                if (node is not YamlSequenceNode seq) throw YamlErrors.At(file, node, path, $"expected a list, found {Kind(node)}");
                if (seq.Children.Count < l.MinItems) throw YamlErrors.At(file, node, path, $"the list is empty; give at least {l.MinItems}");
                for (var i = 0; i < seq.Children.Count; i++) Structure(file, seq.Children[i], l.Item, $"{path}[{i}]");
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
                        if (m.Fields.Any(f => f.Name == "set") && CampaignSchema.ModelRoots.Any(r => key.StartsWith(r + ".", StringComparison.Ordinal)))
                            throw YamlErrors.At(file, k, childPath, $"a model parameter goes under 'set:' (one value) or 'sweep:' (several), e.g. set: {{{key}: ...}}");
                        throw YamlErrors.At(file, k, childPath, UnknownName.Message("key", key, m.Fields.Select(f => f.Name)));
                    }
                    Structure(file, v, field.Schema, childPath);
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
                    Structure(file, v, d.Value, path.Length == 0 ? key : $"{path}.{key}");
                }
                break;
            case OneOfSchema o:
                if (node is YamlScalarNode && o.Options.Any(x => x is ScalarSchema)) return;
                if (node is YamlSequenceNode && o.Options.OfType<ListSchema>().FirstOrDefault() is { } list) { Structure(file, node, list, path); return; }
                if (node is YamlMappingNode && o.Options.OfType<MapSchema>().FirstOrDefault() is { } map2) { Structure(file, node, map2, path); return; }
                throw YamlErrors.At(file, node, path, $"expected {o.Description}, found {Kind(node)}");
        }
    }

    private static void CheckScalar(string file, YamlScalarNode node, ScalarSchema s, string path)
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

    internal static YamlNode? Child(YamlMappingNode map, string key) =>
        map.Children.FirstOrDefault(kv => kv.Key is YamlScalarNode k && k.Value == key).Value;

    internal static string? Scalar(YamlMappingNode map, string key) => (Child(map, key) as YamlScalarNode)?.Value;

    private static string FirstLine(string message) => message.Split('\n')[0].Trim();
}
