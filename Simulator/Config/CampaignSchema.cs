using System.Text.Json.Nodes;
using NodeSim.Engine;
using NodeSim.Models;
using NodeSim.Models.Parameters;
using NodeSim.Models.Registries;

namespace NodeSim.Config;

/// <summary>
/// The schema of a campaign file (what <c>nodesim validate</c> checks and <c>nodesim schema</c>
/// prints), generated from the registries: the kinds and each kind's scenario parameters, the
/// stacks, node kernels and hypervisors, and every model path of the parameter catalogue.
/// </summary>
public sealed class CampaignSchema(ModelCatalogue models, Registry<ScenarioKind> kinds)
{
    /// <summary>Every scenario parameter of every kind, each once, in the order the kinds declare them.</summary>
    public IReadOnlyList<string> ScenarioParameters => [.. kinds.All.SelectMany(k => k.Parameters.Parameters.Select(p => p.Name)).Distinct()];

    /// <summary>The roots of model parameter paths some kind takes: stack, soc, interconnect, profile.</summary>
    public IReadOnlyList<string> ModelRoots => [.. kinds.All.SelectMany(k => k.ModelRoots).Distinct()];

    /// <summary>The kinds that take the scenario parameter <paramref name="name"/>.</summary>
    public IReadOnlyList<ScenarioKind> KindsTaking(string name) => [.. kinds.All.Where(k => k.Parameters.Parameters.Any(p => p.Name == name))];

    /// <summary>Every key a scenario's <c>set</c> and <c>sweep</c> accept: scenario parameters, then model paths (from the parameter catalogue).</summary>
    public IReadOnlyList<string> ParameterKeys =>
        [.. ScenarioParameters, .. ModelRoots.SelectMany(root => models.PathsUnder(root).Select(p => $"{root}.{p}"))];

    private static readonly SchemaNode Value = new OneOfSchema("a value", [
        new ScalarSchema(ScalarType.Number, "a number"), new ScalarSchema(ScalarType.String, "a name or text"), new ScalarSchema(ScalarType.Boolean, "true or false")]);

    /// <summary>A sweep's range of numbers, both ends included.</summary>
    public static readonly MapSchema Range = new("an arithmetic range of numbers, both ends included",
    [
        new("from", new ScalarSchema(ScalarType.Number, "first value"), true),
        new("to", new ScalarSchema(ScalarType.Number, "last value (included when the steps reach it)"), true),
        new("step", new ScalarSchema(ScalarType.Number, "increment (positive)", Min: 0), true),
    ]);

    private static readonly SchemaNode SweepValues = new OneOfSchema("the values a parameter takes: a list, or a range",
        [new ListSchema(Value, "values", 1), Range]);

    public MapSchema Sweep => new("parameters to sweep; every key is a grid dimension, and the keys under zip advance together",
    [
        new("zip", new DictionarySchema(new ListSchema(Value, "values", 1), "lists of equal length, taken element by element", "parameters", ParameterKeys)),
    ], OtherKeysAreParameters: true);

    /// <summary>A stack of a campaign's own, from the registered node kernels and hypervisors.</summary>
    public MapSchema StackDefinition => new("a composition of node kernel, hypervisor and guest",
    [
        new("primary", new ScalarSchema(ScalarType.String, "the node's kernel: on bare metal the one jobs run under; under a hypervisor the primary VM's",
            [.. models.NodeKernels.Names]), true),
        new("hypervisor", new ScalarSchema(ScalarType.String, "none (bare metal) or a registered hypervisor", ["none", .. models.Hypervisors.Names])),
        new("guest", new ScalarSchema(ScalarType.String, "the kernel inside each job's partition (with a hypervisor only; default kitten)",
            [.. models.NodeKernels.Names])),
        new("description", new ScalarSchema(ScalarType.String, "free text")),
        new("set", new DictionarySchema(Value, "parameter overrides on the stack", "paths such as primary.tick_hz, guest.pages.huge_page_fraction, hypervisor.world_switch_cycles, hypervisor.stage2",
            models.PathsUnder("stack"))),
        new("noise_trace", new MapSchema("a measured noise trace the kernel's cores replay (nodesim noise probe)",
        [
            new("file", new ScalarSchema(ScalarType.String, "the trace, relative to the campaign file: NodeSim's, a CSV core,start_ns,duration_ns, or LogGOPSim's"), true),
            new("mapping", new ScalarSchema(ScalarType.String,
                "how its cores map onto the ranks' (rank r takes measured core r mod M): independent (a random point each, cyclically), coscheduled (one point) or aligned (the start)",
                [.. Models.Costs.MeasuredNoise.Mappings.Select(m => m.Name)])),
            new("mode", new ScalarSchema(ScalarType.String, "replace (the kernel's tick and daemons) or add (beside them)", ["replace", "add"])),
            new("on", new ScalarSchema(ScalarType.String, "the kernel whose cores replay it: primary (default) or guest", ["primary", "guest"])),
        ])),
    ]);

    public MapSchema Scenario(IEnumerable<string> stackNames) => new("one experiment",
    [
        new("name", new ScalarSchema(ScalarType.String, "unique name; also names its output files"), true),
        new("kind", new ScalarSchema(ScalarType.String, string.Join("; ", kinds.All.Select(k => $"{k.Name}: {k.Description}")), [.. kinds.Names]), true),
        new("description", new ScalarSchema(ScalarType.String, "free text, shown in summary.md")),
        new("stacks", new ListSchema(new ScalarSchema(ScalarType.String, "a built-in or defined stack", stackNames.ToArray()), "stacks to compare", 1), true),
        new("compare_to", new ScalarSchema(ScalarType.String,
            "one of the scenario's stacks: every other stack's difference from it and their ratio, per point and metric, with 95% intervals from the paired replicas (default: none)",
            stackNames.ToArray())),
        new("replications", new ScalarSchema(ScalarType.Integer, "independent runs per point and stack", Min: 1, Max: CampaignLimits.MaxReplications)),
        .. ScenarioParameters.Select(name => new Field(name, Scalar(name))),
        new("set", new DictionarySchema(Value, "fixed parameter values", "scenario parameters or model paths (stack.primary.tick_hz, soc.l2.size_bytes, profile.iteration_seconds)",
            ParameterKeys)),
        new("sweep", Sweep),
        new("sensitivity", SensitivityStudy),
    ]);

    /// <summary>A sensitivity scenario's study: the contrast, Morris's design, the parameters varied, and optional Sobol indices.</summary>
    public MapSchema SensitivityStudy => new("kind: sensitivity only: a global sensitivity study of each stack's headline against compare_to's",
    [
        new("contrast", new ScalarSchema(ScalarType.String, "difference (stack − compare_to, in the headline's unit; default) or log-ratio (ln of stack / compare_to)",
            ["difference", "log-ratio"])),
        new("trajectories", new ScalarSchema(ScalarType.Integer, $"Morris's r: trajectories of k + 1 samples each (default {SensitivityReader.DefaultTrajectories})", Min: 2, Max: 1000)),
        new("levels", new ScalarSchema(ScalarType.Integer, $"Morris's grid levels p, even (default {SensitivityReader.DefaultLevels}: a jump of 2/3 of each range)", Min: 2, Max: 100)),
        new("assumed", new ScalarSchema(ScalarType.Boolean,
            "vary every parameter the catalogue marks assumed and gives a range that reaches the stacks, interconnect, profile or SoC (default true)")),
        new("vary", new DictionarySchema(new OneOfSchema("a range", [
                new ListSchema(new ScalarSchema(ScalarType.Number, "a bound"), "[low, high]", 2),
                new ScalarSchema(ScalarType.String, "catalogue: the range the parameter's source argues", ["catalogue"])]),
            "parameters to vary besides (or instead of) the assumed ones, each over [low, high] or its catalogue range",
            "kernel.path (linux.daemon_log_sigma: that kernel wherever a stack runs it), hypervisor.path (hafnium.world_switch_cycles), interconnect.*, profile.*, soc.*")),
        new("exclude", new ListSchema(new ScalarSchema(ScalarType.String, "a varied parameter"), "parameters not to vary")),
        new("sobol", new MapSchema("Sobol first-order and total indices (Saltelli's sample, N(m + 2) samples) for a few parameters, the others at their defaults",
        [
            new("parameters", new ListSchema(new ScalarSchema(ScalarType.String, "a varied parameter"), "the parameters (those Morris ranks first)", 1), true),
            new("samples", new ScalarSchema(ScalarType.Integer, $"N, the rows of Saltelli's A and B (default {SensitivityReader.DefaultSobolSamples})", Min: 2, Max: 100_000)),
        ])),
    ]);

    /// <summary>A scenario parameter as the kinds that take it declare it: its type, values or range, and what it is in each.</summary>
    private ScalarSchema Scalar(string name)
    {
        var declared = KindsTaking(name).Select(k => (Kind: k, Parameter: k.Parameters.Parameters.First(p => p.Name == name))).ToList();
        var first = declared[0].Parameter;
        var description = string.Join("; ", declared.Select(d => $"{d.Kind.Name}: {d.Parameter.Description}{Default(d.Parameter, d.Kind)}"));
        return first.Kind switch
        {
            ValueKind.Number => new ScalarSchema(ScalarType.Number, description, Min: declared.Min(d => d.Parameter.Min), Max: declared.Max(d => d.Parameter.Max)),
            ValueKind.Integer => new ScalarSchema(ScalarType.Integer, description, Min: declared.Min(d => d.Parameter.Min), Max: declared.Max(d => d.Parameter.Max)),
            ValueKind.Choice => new ScalarSchema(ScalarType.String, description, [.. declared.SelectMany(d => d.Parameter.Choices).Distinct()]),
            ValueKind.Size or ValueKind.Text => new ScalarSchema(ScalarType.String, description),
        };
    }

    private static string Default(Parameter p, ScenarioKind kind) => p.Required ? " (required)" : $" (default {p.Text(kind.Defaults)})";

    public MapSchema Campaign(IEnumerable<string> stackNames) => new("a NodeSim campaign",
    [
        new("campaign", new ScalarSchema(ScalarType.String, "the campaign's name; results go to Results/runs/<name>"), true),
        new("description", new ScalarSchema(ScalarType.String, "free text")),
        new("seed", new ScalarSchema(ScalarType.Integer, "root seed; every run's seed derives from it, the scenario, the point and the replica", Min: 0)),
        new("replications", new ScalarSchema(ScalarType.Integer, "default replications per point and stack", Min: 1, Max: CampaignLimits.MaxReplications)),
        new("define_stacks", new DictionarySchema(StackDefinition, "stacks of your own", "stack names")),
        new("scenarios", new ListSchema(Scenario(stackNames), "the experiments", 1), true),
    ]);

    /// <summary>The JSON Schema of campaign files (draft 2020-12), for editors.</summary>
    public JsonObject JsonSchema()
    {
        var schema = Campaign(models.Stacks.Names).ToJsonSchema();
        schema["$schema"] = "https://json-schema.org/draft/2020-12/schema";
        schema["$id"] = "https://nodesim.example/campaign.schema.json";
        schema["title"] = "NodeSim campaign";
        // Defined stacks add names, so the scenario's stack list accepts any string in the schema file.
        var stacks = schema["properties"]!["scenarios"]!["items"]!["properties"]!["stacks"]!["items"]!.AsObject();
        stacks.Remove("enum");
        stacks["description"] = $"a built-in stack ({string.Join(", ", models.Stacks.Names)}) or one of define_stacks";
        var sweep = schema["properties"]!["scenarios"]!["items"]!["properties"]!["sweep"]!.AsObject();
        sweep["additionalProperties"] = SweepValues.ToJsonSchema();
        sweep["propertyNames"] = new JsonObject
        {
            ["enum"] = new JsonArray([.. ParameterKeys.Prepend("zip").Select(k => (JsonNode)k)]),
        };
        return schema;
    }
}
