using System.Globalization;
using NodeSim.Engine;
using NodeSim.Engine.Sensitivity;
using NodeSim.Kernel;
using NodeSim.Models;
using NodeSim.Models.Isolation;
using NodeSim.Models.Parameters;
using NodeSim.Models.Registries;
using YamlDotNet.RepresentationModel;
using static NodeSim.Config.YamlNodes;

namespace NodeSim.Config;

/// <summary>
/// Reads a sensitivity scenario's <c>sensitivity:</c> block into its plan — one study per base point of its
/// <c>sweep</c> — and the scenario points the studies' samples are. By default a study varies every parameter the
/// catalogue marks assumed and gives a plausible range that reaches the scenario's stacks (their kernels, named by
/// kernel: <c>linux.daemon_rate_per_second</c> reaches Linux wherever a stack runs it, primary or guest; their
/// hypervisor: <c>hafnium.ipi_cycles</c>), its interconnect, its profile and its SoC (<c>interconnect.latency_seconds</c>);
/// <c>vary</c> adds others or other ranges, <c>exclude</c> drops some.
/// </summary>
internal sealed class SensitivityReader(string file, ModelCatalogue models, IReadOnlyDictionary<string, IsolationStack> stacks, ulong campaignSeed)
{
    /// <summary>Morris's default trajectories: r = 10, the usual choice (Saltelli et al., Global Sensitivity Analysis: The Primer, 2008, ch. 3).</summary>
    public const int DefaultTrajectories = 10;

    /// <summary>Morris's default grid: p = 4 levels, Δ = 2/3 (Morris 1991; SALib's and R sensitivity's default).</summary>
    public const int DefaultLevels = 4;

    /// <summary>Saltelli's default N when Sobol indices are asked for: 64 rows of A and of B.</summary>
    public const int DefaultSobolSamples = 64;

    /// <summary>The plan and the scenario's points: each base point's settings with each of its study's samples.</summary>
    /// <param name="baseDefaults">A base point's setting by name when the scenario neither sets nor sweeps it: the kind's default.</param>
    public (SensitivityPlan Plan, IReadOnlyList<SweepPoint> Points, IReadOnlyList<string> Varied) Read(YamlMappingNode node, string path, string name,
        IReadOnlyList<string> stackNames, IReadOnlyList<ParameterValue> fixedValues, IReadOnlyList<string> swept, IReadOnlyList<SweepPoint> basePoints,
        Func<string, string> baseDefaults)
    {
        var contrast = Scalar(node, "contrast") == "log-ratio" ? ContrastMeasure.LogRatio : ContrastMeasure.Difference;
        var trajectories = Integer(node, "trajectories") ?? DefaultTrajectories;
        var levels = Integer(node, "levels") ?? DefaultLevels;
        if (levels % 2 != 0) throw YamlErrors.At(file, Child(node, "levels")!, $"{path}.levels", $"{levels} levels: Morris's grid takes an even number, so every level is visited equally often (4 is usual)");
        var sobolNode = Child(node, "sobol") as YamlMappingNode;
        var sobolSamples = sobolNode is null ? 0 : Integer(sobolNode, "samples") ?? DefaultSobolSamples;
        var studyStacks = stackNames.Select(s => stacks[s]).ToList();

        var studies = new List<SensitivityStudy>();
        var points = new List<SweepPoint>();
        var varied = new List<string>();
        foreach (var basePoint in basePoints)
        {
            string Setting(string key) => basePoint[key] ?? fixedValues.LastOrDefault(v => v.Name == key)?.Value ?? baseDefaults(key);
            var candidates = Candidates(studyStacks, Setting("interconnect"), Setting("profile"), Setting("preset"));
            var parameters = Parameters(node, path, candidates, Fixed(studyStacks, [.. fixedValues.Select(v => v.Name), .. swept]));
            var sobol = SobolParameters(sobolNode, path, parameters);
            var basis = swept.Select(s => KeyValuePair.Create(s, basePoint[s]!)).ToList();
            var seed = RandomStream.DeriveSeed(campaignSeed, $"sensitivity:{name}", basePoint.Index);
            var study = new SensitivityStudy(basePoint.Index, basis, parameters, trajectories, levels, seed, sobol, sobolSamples, points.Count);
            if ((double)points.Count + study.Samples > CampaignLimits.MaxPoints)
                throw YamlErrors.At(file, node, path, $"the study has more than {CampaignLimits.MaxPoints:N0} samples; use fewer trajectories, Sobol samples or base points");
            foreach (var sample in study.SampleValues())
                points.Add(new SweepPoint(points.Count, [.. basePoint.Values, .. sample.Select(v => new ParameterValue(v.Key, v.Value, file, node.Start.Line, node.Start.Column, $"{path}.vary.{v.Key}"))]));
            studies.Add(study);
            varied.AddRange(parameters.Select(p => p.Name).Where(n => !varied.Contains(n)));
        }
        return (new SensitivityPlan(contrast, studies), points, varied);
    }

    /// <summary>A parameter a study may vary: its name, its model's declaration and the catalogue's source of its value.</summary>
    private sealed record Candidate(string Name, Parameter Parameter, Source Source);

    /// <summary>Every numeric parameter that reaches the stacks, the interconnect, the profile or the SoC, by the name a study gives it.</summary>
    private List<Candidate> Candidates(IReadOnlyList<IsolationStack> studyStacks, string interconnect, string profile, string soc)
    {
        IEnumerable<Candidate> Of<T>(string prefix, Preset<T>? preset) where T : class =>
            preset is null ? [] : preset.Values().Select(v => new Candidate($"{prefix}.{v.Path}", v.Parameter, v.Source));
        var parts = studyStacks.SelectMany(s => s.Parts).ToList();
        var kernels = parts.Where(p => p.Role != "hypervisor").Select(p => p.Name).Distinct();
        var hypervisors = parts.Where(p => p.Role == "hypervisor").Select(p => p.Name).Distinct();
        return
        [
            .. kernels.SelectMany(k => Of(k, models.NodeKernels.Find(k))),
            .. hypervisors.SelectMany(h => Of(h, models.Hypervisors.Find(h))),
            .. Of("interconnect", models.Interconnects.Find(interconnect)),
            .. Of("profile", models.Profiles.Find(profile)),
            .. Of("soc", models.Socs.Find(soc)),
        ];
    }

    private static bool Numeric(Parameter p) => p.Kind is ValueKind.Number or ValueKind.Integer or ValueKind.Size;

    /// <summary>
    /// The study's names of what the scenario fixes — under <c>set:</c>, <c>sweep:</c> (a stack.* path reaches the kernel or
    /// hypervisor each stack runs there), or in a defined stack's own values — with where: a study must not undo them.
    /// </summary>
    private Dictionary<string, string> Fixed(IReadOnlyList<IsolationStack> studyStacks, IReadOnlyList<string> names)
    {
        var fixedNames = new Dictionary<string, string>();
        foreach (var name in names)
        {
            fixedNames.TryAdd(name, "the scenario sets or sweeps it");
            foreach (var part in studyStacks.SelectMany(s => s.Parts))
                if (name.StartsWith($"stack.{part.Role}.", StringComparison.Ordinal))
                    fixedNames.TryAdd($"{part.Name}.{name[$"stack.{part.Role}.".Length..]}", $"the scenario sets or sweeps {name}");
        }
        // A stack of the campaign's own that sets a kernel's or hypervisor's value fixes it for that stack.
        foreach (var stack in studyStacks)
            foreach (var (_, modelName, model) in stack.Parts)
            {
                var preset = (object?)models.NodeKernels.Find(modelName)?.Model ?? models.Hypervisors.Find(modelName)?.Model;
                if (preset is null) continue;
                var defaults = ((IParameterized)preset).Parameters.All(preset).ToDictionary(p => p.Path, p => p.Parameter.Text(p.Owner));
                foreach (var (valuePath, parameter, owner) in model.Parameters.All(model))
                    if (defaults.GetValueOrDefault(valuePath) != parameter.Text(owner))
                        fixedNames.TryAdd($"{modelName}.{valuePath}", $"stack '{stack.Name}' sets it");
            }
        return fixedNames;
    }

    private List<SensitivityParameter> Parameters(YamlMappingNode node, string path, List<Candidate> candidates, Dictionary<string, string> fixedNames)
    {
        var chosen = new List<SensitivityParameter>();
        if (Scalar(node, "assumed") != "false")
            chosen.AddRange(candidates.Where(c => c.Source is { Assumed: true, Range: not null } && Numeric(c.Parameter) && !fixedNames.ContainsKey(c.Name))
                .Select(c => Over(c, c.Source.Range!)));
        if (Child(node, "vary") is YamlMappingNode vary)
            foreach (var (key, keyNode, value) in Entries(vary))
            {
                var at = $"{path}.vary.{key}";
                var candidate = candidates.FirstOrDefault(c => c.Name == key)
                    ?? throw YamlErrors.At(file, keyNode, at, UnknownName.Message("parameter reaching this scenario's stacks, interconnect, profile or SoC", key,
                        candidates.Where(c => Numeric(c.Parameter)).Select(c => c.Name)));
                if (!Numeric(candidate.Parameter)) throw YamlErrors.At(file, keyNode, at, $"is {candidate.Parameter.Range}; a study varies numbers only");
                if (fixedNames.TryGetValue(key, out var why)) throw YamlErrors.At(file, keyNode, at, $"{why}; a study cannot also vary it (drop one of the two)");
                PlausibleRange range;
                if (value is YamlScalarNode { Value: "catalogue" })
                    range = candidate.Source.Range ?? throw YamlErrors.At(file, value, at, "the catalogue gives no plausible range for it; give one as [low, high]");
                else if (value is YamlSequenceNode { Children.Count: 2 } pair && pair.Children.All(c => c is YamlScalarNode))
                    range = new PlausibleRange(Number(pair.Children[0], at), Number(pair.Children[1], at));
                else throw YamlErrors.At(file, value, at, "expected a range [low, high] or 'catalogue' (the range its source argues)");
                if (!(range.Low < range.High)) throw YamlErrors.At(file, value, at, $"the range [{range.Low.ToString(CultureInfo.InvariantCulture)}, {range.High.ToString(CultureInfo.InvariantCulture)}] is empty; low must be below high");
                if (range.Low < candidate.Parameter.Min || range.High > candidate.Parameter.Max)
                    throw YamlErrors.At(file, value, at, $"the range leaves the parameter's valid values ({candidate.Parameter.Range})");
                if (candidate.Parameter.Kind != ValueKind.Number && Math.Round(range.Low) == Math.Round(range.High))
                    throw YamlErrors.At(file, value, at, $"takes whole values, and the range rounds to one ({Math.Round(range.Low).ToString(CultureInfo.InvariantCulture)}); widen it");
                chosen.RemoveAll(p => p.Name == key);
                chosen.Add(Over(candidate, range));
            }
        if (Child(node, "exclude") is YamlSequenceNode exclude)
            foreach (var item in exclude.Children.OfType<YamlScalarNode>())
                if (chosen.RemoveAll(p => p.Name == item.Value) == 0)
                    throw YamlErrors.At(file, item, $"{path}.exclude", UnknownName.Message("varied parameter", item.Value!, chosen.Select(p => p.Name)));
        if (chosen.Count == 0)
            throw YamlErrors.At(file, node, path, Scalar(node, "assumed") == "false" || Child(node, "exclude") is not null || Child(node, "vary") is not null
                ? "the study varies no parameter (with assumed: false, name some under 'vary'; 'exclude' may have dropped every one)"
                : "the study varies no parameter: no assumed parameter with a range reaches these stacks; name some under 'vary'");
        return chosen;
    }

    private static SensitivityParameter Over(Candidate c, PlausibleRange range) =>
        SensitivityParameter.Over(c.Name, range.Low, range.High, c.Parameter.Unit, c.Parameter.Kind != ValueKind.Number, c.Source.Assumed);

    private List<string> SobolParameters(YamlMappingNode? sobol, string path, List<SensitivityParameter> parameters)
    {
        if (sobol is null) return [];
        var list = (YamlSequenceNode)Child(sobol, "parameters")!;
        var names = new List<string>();
        foreach (var item in list.Children.OfType<YamlScalarNode>())
        {
            if (parameters.All(p => p.Name != item.Value))
                throw YamlErrors.At(file, item, $"{path}.sobol.parameters", UnknownName.Message("varied parameter", item.Value!, parameters.Select(p => p.Name)));
            if (names.Contains(item.Value!)) throw YamlErrors.At(file, item, $"{path}.sobol.parameters", $"'{item.Value}' is listed twice");
            names.Add(item.Value!);
        }
        return names;
    }

    private int? Integer(YamlMappingNode node, string key) => Scalar(node, key) is { } s ? int.Parse(s, CultureInfo.InvariantCulture) : null;

    private double Number(YamlNode node, string at) =>
        double.TryParse(((YamlScalarNode)node).Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var x) && double.IsFinite(x)
            ? x : throw YamlErrors.At(file, node, at, $"'{((YamlScalarNode)node).Value}' is not a finite number");
}
