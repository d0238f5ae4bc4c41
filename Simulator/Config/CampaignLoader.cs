using System.Globalization;
using System.Security.Cryptography;
using NodeSim.Engine;
using NodeSim.Engine.Kinds;
using NodeSim.Engine.Sensitivity;
using NodeSim.Files;
using NodeSim.Kernel;
using NodeSim.Models;
using NodeSim.Models.Isolation;
using NodeSim.Models.Parameters;
using NodeSim.Models.Registries;
using NodeSim.Models.Costs;
using NodeSim.Traces.Noise;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;
using static NodeSim.Config.YamlNodes;

namespace NodeSim.Config;

/// <summary>
/// Reads and validates a campaign file against the registries it is given (the models and the
/// kinds of scenario a campaign may name). Every problem is reported as
/// <c>file:line:column: key.path: what is wrong; what is accepted</c>, before anything runs.
/// </summary>
public sealed class CampaignLoader(ModelCatalogue models, Registry<ScenarioKind> kinds)
{
    private readonly CampaignSchema _schema = new(models, kinds);

    /// <param name="reseed">With a value N, every run draws fresh random numbers: the campaign seed becomes one derived from (its seed, N).</param>
    public Campaign Load(string path, ulong? reseed = null)
    {
        var bytes = InputFile.ReadAllBytes(path, "a campaign file (.yaml)", CampaignLimits.MaxFileBytes);
        return Parse(path, new System.Text.UTF8Encoding(false).GetString(bytes), Convert.ToHexStringLower(SHA256.HashData(bytes)), reseed);
    }

    public Campaign Parse(string file, string text, string sha256 = "", ulong? reseed = null)
    {
        // A byte-order mark, which some editors write, is not part of the text (the hash is of the file as it is).
        if (text.StartsWith('\uFEFF')) text = text[1..];
        CampaignLimits.CheckNesting(file, text);
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            throw YamlErrors.At(file, e.Start, "", $"not valid YAML ({(e.InnerException?.Message ?? e.Message).Split('\n')[0].Trim()})");
        }
        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
            throw new UserInputException($"{file}:1:1: a campaign is a mapping with 'campaign' and 'scenarios'; the file is empty or not a mapping");
        var checker = new SchemaChecker(file, _schema.ModelRoots);
        checker.CheckSize(root);

        // Every problem of the file is reported in one pass: the schema's first (names, types, ranges), then each defined
        // stack's and each scenario's, which can only be read once the schema holds.
        var problems = new List<UserInputException>();
        // Defined stacks extend the names scenarios may use, so read them before validating the rest.
        var stacks = models.Stacks.All.ToDictionary(s => s.Name, s => s);
        // A defined stack with a problem is still a name the file may use: its problem is reported, not every use of it as well.
        var broken = new HashSet<string>();
        if (Child(root, "define_stacks") is { } defined)
        {
            checker.Check(defined, new DictionarySchema(_schema.StackDefinition, "", ""), "define_stacks");
            if (checker.Errors.Count == 0)
                foreach (var (name, keyNode, definition) in Entries((YamlMappingNode)defined))
                {
                    try
                    {
                        if (stacks.Keys.FirstOrDefault(other => other != name && FileNames.Sanitize(other) == FileNames.Sanitize(name)) is { } clash)
                            throw YamlErrors.At(file, keyNode, $"define_stacks.{name}", $"stack names '{clash}' and '{name}' both become the file name '{FileNames.Sanitize(name)}'; rename it");
                        if (stacks.ContainsKey(name))
                            throw YamlErrors.At(file, keyNode, $"define_stacks.{name}", "a stack of this name exists already; choose another name");
                        stacks[name] = DefineStack(file, name, (YamlMappingNode)definition);
                    }
                    catch (UserInputException e)
                    {
                        problems.Add(e);
                        broken.Add(name);
                    }
                }
        }
        checker.Check(root, _schema.Campaign([.. stacks.Keys, .. broken]), "");
        // Problems outside the scenarios (the seed, the list itself) leave nothing to read them by: report those now. Otherwise
        // each scenario the schema passed is read too, so its own problems join the list.
        var scenarioErrors = Enumerable.Range(0, (Child(root, "scenarios") as YamlSequenceNode)?.Children.Count ?? 0).SelectMany(i => checker.ErrorsUnder($"scenarios[{i}]")).ToHashSet();
        if (checker.Errors.Except(scenarioErrors).Any()) throw CampaignFileErrors.Combine([.. checker.Errors, .. problems]);

        var seed = ulong.Parse(Scalar(root, "seed") ?? "1", CultureInfo.InvariantCulture);
        if (reseed is { } r) seed = RandomStream.DeriveSeed(seed, $"reseed-{r.ToString(CultureInfo.InvariantCulture)}");
        var replications = int.Parse(Scalar(root, "replications") ?? "3", CultureInfo.InvariantCulture);
        var scenarios = new List<ScenarioSpec>();
        var seen = new Dictionary<string, long>();
        var list = (YamlSequenceNode)Child(root, "scenarios")!;
        for (var i = 0; i < list.Children.Count; i++)
        {
            var path = $"scenarios[{i}]";
            if (checker.ErrorsUnder(path).ToList() is { Count: > 0 } found)
            {
                problems.AddRange(found);
                continue;
            }
            var node = (YamlMappingNode)list.Children[i];
            var name = Scalar(node, "name")!;
            if (broken.Count > 0 && ((YamlSequenceNode)Child(node, "stacks")!).Children.Any(c => broken.Contains(((YamlScalarNode)c).Value!))) continue;
            try
            {
                if (seen.TryGetValue(name, out var firstLine))
                    throw YamlErrors.At(file, Child(node, "name")!, $"{path}.name", $"duplicate scenario name '{name}' (first used on line {firstLine}); scenario names must be unique");
                seen[name] = Child(node, "name")!.Start.Line;
                // Scenario names become file names: two that sanitise alike would share result files.
                if (seen.Keys.FirstOrDefault(other => other != name && FileNames.Sanitize(other) == FileNames.Sanitize(name)) is { } clash)
                    throw YamlErrors.At(file, Child(node, "name")!, $"{path}.name",
                        $"scenario names '{clash}' and '{name}' both become the file name '{FileNames.Sanitize(name)}'; rename one");
                scenarios.Add(Scenario(file, checker, node, path, replications, stacks, seed));
            }
            catch (UserInputException e)
            {
                problems.Add(e);
            }
        }
        var runs = scenarios.Sum(s => (double)s.Points.Count * s.Replications * s.Stacks.Count);
        if (runs > CampaignLimits.MaxRuns)
            throw new UserInputException($"{file}: the campaign has {CampaignLimits.Count(runs)} runs (points × replications × stacks); at most {CampaignLimits.MaxRuns:N0}");
        var campaign = new Campaign(Scalar(root, "campaign")!, Scalar(root, "description"), seed, replications, file, sha256, stacks, scenarios, [])
        {
            Reseed = reseed, Text = text,
        };
        var planned = new ScenarioResolver(models).Plan(campaign, problems);
        if (problems.Count > 0) throw CampaignFileErrors.Combine(problems);
        return campaign with { Runs = planned };
    }

    /// <summary>A stack composed of registered parts: a node kernel as primary, a hypervisor (or none), a guest kernel, and overrides.</summary>
    private IsolationStack DefineStack(string file, string name, YamlMappingNode node)
    {
        // The schema has checked the names against the registries already.
        var primary = models.NodeKernels.Get(Scalar(node, "primary")!).Model;
        var hypervisor = Scalar(node, "hypervisor") is { } h && h != "none" ? models.Hypervisors.Get(h).Model : null;
        var guestName = Scalar(node, "guest");
        if (hypervisor is null && guestName is not null)
            throw YamlErrors.At(file, Child(node, "guest")!, $"define_stacks.{name}.guest", "a guest kernel needs a hypervisor (e.g. hypervisor: hafnium)");
        var stack = new IsolationStack(name, Scalar(node, "description") ?? $"{primary.Name}{(hypervisor is null ? " on bare metal" : $" primary under {hypervisor.Name}")}",
            primary, hypervisor, hypervisor is null ? null : models.NodeKernels.Get(guestName ?? "kitten").Model);
        if (Child(node, "set") is YamlMappingNode set)
            foreach (var (key, _, v) in Entries(set))
            {
                try
                {
                    stack = stack.Parameters.With(stack, key, ((YamlScalarNode)v).Value!);
                }
                catch (ParameterException e)
                {
                    throw YamlErrors.At(file, v, $"define_stacks.{name}.set.{key}", e.Message);
                }
            }
        if (Child(node, "noise_trace") is YamlMappingNode trace)
        {
            var at = Child(trace, "file")!;
            var path = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(file))!, Scalar(trace, "file")!);
            // The schema has checked the name already.
            var mapping = MeasuredNoise.MappingNamed(Scalar(trace, "mapping"))!.Value;
            try
            {
                stack = stack.WithMeasuredNoise(NoiseTraceReader.Read(path).AsKernelNoise(Path.GetFileName(path), mapping, Scalar(trace, "mode") != "add"),
                    Scalar(trace, "on") == "guest");
            }
            catch (UserInputException e)
            {
                throw YamlErrors.At(file, at, $"define_stacks.{name}.noise_trace.file", e.Message);
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

    private ScenarioSpec Scenario(string file, SchemaChecker checker, YamlMappingNode node, string path, int defaultReplications,
        IReadOnlyDictionary<string, IsolationStack> stacks, ulong seed)
    {
        // The schema has checked the name against the registered kinds already.
        var kind = kinds.Get(Scalar(node, "kind")!);
        var own = kind.Parameters.Names;
        foreach (var (key, keyNode, _) in Entries(node))
            if (_schema.ScenarioParameters.Contains(key) && !own.Contains(key))
                throw YamlErrors.At(file, keyNode, $"{path}.{key}", NotTaken(key, kind));
        var sweepNode = Child(node, "sweep") as YamlMappingNode;
        var setNode = Child(node, "set") as YamlMappingNode;
        foreach (var required in kind.Parameters.Parameters.Where(p => p.Required))
            if (Child(node, required.Name) is null && !Given(setNode, required.Name) && !Swept(sweepNode, required.Name))
                throw YamlErrors.At(file, node, path, $"{kind.Name} scenarios need {required.Name} ({required.Description}), or a sweep over it");

        // Fixed values in the order the kind declares its parameters, so that result tables' columns do not depend on the file's key order.
        var fixedValues = new List<ParameterValue>();
        foreach (var key in own)
            if (Child(node, key) is YamlScalarNode v) fixedValues.Add(SweepReader.Value(file, key, v, $"{path}.{key}"));
        void CheckName(YamlNode at, string keyPath, string key) => CheckParameterName(file, at, keyPath, key, kind);
        if (setNode is not null)
            foreach (var (key, keyNode, v) in Entries(setNode))
            {
                CheckName(keyNode, $"{path}.set.{key}", key);
                if (v is not YamlScalarNode scalar) throw YamlErrors.At(file, v, $"{path}.set.{key}", "expected a single value");
                fixedValues.Add(SweepReader.Value(file, key, scalar, $"{path}.set.{key}"));
            }

        var (swept, points) = new SweepReader(file, checker, CheckName).Read(sweepNode, $"{path}.sweep");
        var stackNames = ((YamlSequenceNode)Child(node, "stacks")!).Children.Select(c => ((YamlScalarNode)c).Value!).ToList();
        var duplicate = stackNames.GroupBy(s => s).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null) throw YamlErrors.At(file, Child(node, "stacks")!, $"{path}.stacks", $"'{duplicate.Key}' is listed twice");
        var compareTo = Scalar(node, "compare_to");
        if (compareTo is not null && !stackNames.Contains(compareTo))
            throw YamlErrors.At(file, Child(node, "compare_to")!, $"{path}.compare_to", $"'{compareTo}' is not one of the scenario's stacks ({string.Join(", ", stackNames)}); add it to stacks or compare to one of them");
        if (compareTo is not null && stackNames.Count < 2)
            throw YamlErrors.At(file, Child(node, "compare_to")!, $"{path}.compare_to", "the scenario has one stack; list a second one to compare with it");
        var name = Scalar(node, "name")!;
        SensitivityPlan? plan = null;
        var study = Child(node, "sensitivity");
        if (kind is SensitivityKind)
        {
            if (compareTo is null)
                throw YamlErrors.At(file, node, path, "a sensitivity study compares each stack with the compare_to stack; name it (e.g. compare_to: hafnium-kitten)");
            IReadOnlyList<string> varied;
            (plan, points, varied) = new SensitivityReader(file, models, stacks, seed).Read(study as YamlMappingNode ?? new YamlMappingNode(), $"{path}.sensitivity",
                name, stackNames, fixedValues, swept, points, key => kind.Parameters.Parameters.FirstOrDefault(p => p.Name == key)?.Text(kind.Defaults) ?? "");
            swept = [.. swept, .. varied];
        }
        else if (study is not null)
            throw YamlErrors.At(file, study, $"{path}.sensitivity", $"applies to sensitivity scenarios only; this one is of kind {kind.Name}");
        return new ScenarioSpec(name, kind, Scalar(node, "description"), stackNames,
            int.Parse(Scalar(node, "replications") ?? defaultReplications.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture),
            fixedValues, swept, points, compareTo, plan)
        {
            Units = swept.Distinct().Select(p => (p, Unit: UnitOf(kind, p))).Where(u => u.Unit is { Length: > 0 }).ToDictionary(u => u.p, u => u.Unit!),
        };
    }

    /// <summary>A parameter's unit: a scenario parameter's, or a model path's (stack.primary.tick_hz) or a model's own (linux.tick_hz) from the catalogue.</summary>
    private string? UnitOf(ScenarioKind kind, string name)
    {
        if (kind.Parameters.Parameters.FirstOrDefault(p => p.Name == name) is { } own) return own.Unit;
        var entry = models.Entries().FirstOrDefault(e => e.Paths.Contains(name) || $"{e.Preset}.{e.Path}" == name);
        return entry?.Parameter.Unit;
    }

    /// <summary>Why a scenario of <paramref name="kind"/> does not take the scenario parameter <paramref name="key"/>, and what it takes.</summary>
    private string NotTaken(string key, ScenarioKind kind) =>
        $"applies to {Listing(_schema.KindsTaking(key).Select(k => k.Name))} scenarios only; {kind.Name} scenarios take {string.Join(", ", kind.Parameters.Names)}";

    /// <summary>"job", "job and replay", "job, replay and sensitivity".</summary>
    private static string Listing(IEnumerable<string> names)
    {
        var list = names.ToList();
        return list.Count <= 1 ? string.Concat(list) : $"{string.Join(", ", list[..^1])} and {list[^1]}";
    }

    private static bool Given(YamlMappingNode? set, string key) => set is not null && Child(set, key) is not null;

    private static bool Swept(YamlMappingNode? sweep, string key) =>
        sweep is not null && (Child(sweep, key) is not null || (Child(sweep, "zip") is YamlMappingNode zip && Child(zip, key) is not null));

    /// <summary>A key of <c>set:</c> or <c>sweep:</c>: a scenario parameter of the kind, or a model path under one of its roots.</summary>
    private void CheckParameterName(string file, YamlNode at, string path, string key, ScenarioKind kind)
    {
        if (kind.Parameters.Names.Contains(key)) return;
        if (_schema.ScenarioParameters.Contains(key)) throw YamlErrors.At(file, at, path, NotTaken(key, kind));
        var root = key.Split('.')[0];
        if (key.Contains('.') && _schema.ModelRoots.Contains(root))
        {
            if (kind.ModelRoots.Contains(root)) return;
            throw YamlErrors.At(file, at, path, $"{root}.* parameters apply to {Listing(kinds.All.Where(k => k.ModelRoots.Contains(root)).Select(k => k.Name))} scenarios only");
        }
        var known = kind.Parameters.Names.Concat(kind.ModelRoots.Select(r => r + ".…"));
        throw YamlErrors.At(file, at, path, UnknownName.Message("parameter", key, known) + " (a model path such as stack.primary.tick_hz or soc.l2.size_bytes; nodesim params lists them)");
    }
}
