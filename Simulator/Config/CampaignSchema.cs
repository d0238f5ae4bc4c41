using NodeSim.Models.NodeKernels;
using NodeSim.Models;
using NodeSim.Engine;
using NodeSim.Models.Isolation;
using NodeSim.Models.Scheduling;
using NodeSim.Models.Soc;
using NodeSim.Models.Workloads;

namespace NodeSim.Config;

/// <summary>The schema of a campaign file (what <c>nodesim validate</c> checks and <c>nodesim schema</c> prints).</summary>
public static class CampaignSchema
{
    public static readonly string[] Kinds = [.. ScenarioKinds.All.Select(k => k.Name())];

    /// <summary>Scenario keys that a sweep or <c>set</c> may give, besides model paths (stack.*, soc.*, profile.*).</summary>
    public static readonly string[] ScenarioParameters =
        ["profile", "ranks", "inject_noise", "window_s", "trace", "nodes", "policy", "backfill", "mix", "estimate", "preset", "interconnect",
         "cores", "cores_per_request", "load", "rate_scale", "queue_limit"];

    /// <summary>The roots of model parameter paths.</summary>
    public static readonly string[] ModelRoots = ["stack", "soc", "profile", "interconnect"];

    private static readonly SchemaNode Value = new OneOfSchema("a value", [
        new ScalarSchema(ScalarType.Number, "a number"), new ScalarSchema(ScalarType.String, "a name or text"), new ScalarSchema(ScalarType.Boolean, "true or false")]);

    private static readonly SchemaNode Range = new MapSchema("an arithmetic range of numbers, both ends included",
    [
        new("from", new ScalarSchema(ScalarType.Number, "first value"), true),
        new("to", new ScalarSchema(ScalarType.Number, "last value (included when the steps reach it)"), true),
        new("step", new ScalarSchema(ScalarType.Number, "increment (positive)", Min: 0), true),
    ]);

    private static readonly SchemaNode SweepValues = new OneOfSchema("the values a parameter takes: a list, or a range",
        [new ListSchema(Value, "values", 1), Range]);

    /// <summary>Every key a scenario's <c>set</c> and <c>sweep</c> accept: scenario parameters, then model paths (from the parameter catalogue).</summary>
    public static IReadOnlyList<string> ParameterKeys =>
        [.. ScenarioParameters, .. ModelRoots.SelectMany(root => Catalogue.PathsUnder(root).Select(p => $"{root}.{p}"))];

    public static MapSchema Sweep => new("parameters to sweep; every key is a grid dimension, and the keys under zip advance together",
    [
        new("zip", new DictionarySchema(new ListSchema(Value, "values", 1), "lists of equal length, taken element by element", "parameters", ParameterKeys)),
    ], OtherKeysAreParameters: true);

    /// <summary>A stack of a campaign's own, from the registered node kernels and hypervisors.</summary>
    public static MapSchema StackDefinition => new("a composition of node kernel, hypervisor and guest",
    [
        new("primary", new ScalarSchema(ScalarType.String, "the node's kernel: on bare metal the one jobs run under; under a hypervisor the primary VM's",
            [.. NodeKernelPresets.Registry.Names]), true),
        new("hypervisor", new ScalarSchema(ScalarType.String, "none (bare metal) or a registered hypervisor", ["none", .. Hypervisors.Registry.Names])),
        new("guest", new ScalarSchema(ScalarType.String, "the kernel inside each job's partition (with a hypervisor only; default kitten)",
            [.. NodeKernelPresets.Registry.Names])),
        new("description", new ScalarSchema(ScalarType.String, "free text")),
        new("set", new DictionarySchema(Value, "parameter overrides on the stack", "paths such as primary.tick_hz, guest.pages.huge_page_fraction, hypervisor.world_switch_cycles, hypervisor.stage2",
            Catalogue.PathsUnder("stack"))),
    ]);

    public static MapSchema Scenario(IEnumerable<string> stackNames) => new("one experiment",
    [
        new("name", new ScalarSchema(ScalarType.String, "unique name; also names its output files"), true),
        new("kind", new ScalarSchema(ScalarType.String, "job: one job's execution under each stack; replay: a batch workload on a cluster under each stack", Kinds), true),
        new("description", new ScalarSchema(ScalarType.String, "free text, shown in summary.md")),
        new("stacks", new ListSchema(new ScalarSchema(ScalarType.String, "a built-in or defined stack", stackNames.ToArray()), "stacks to compare", 1), true),
        new("preset", new ScalarSchema(ScalarType.String, "the nodes' SoC", [.. SocPresets.Registry.Names])),
        new("interconnect", new ScalarSchema(ScalarType.String, "the network between nodes (default polled)", [.. NodeSim.Models.Network.Interconnects.Registry.Names])),
        new("replications", new ScalarSchema(ScalarType.Integer, "independent runs per point and stack", Min: 1, Max: CampaignLimits.MaxReplications)),
        new("profile", new ScalarSchema(ScalarType.String, "job: what the job does", [.. JobProfiles.Registry.Names])),
        new("ranks", new ScalarSchema(ScalarType.Integer, "job: ranks (one per core)", Min: 1, Max: 1_000_000)),
        new("inject_noise", new ScalarSchema(ScalarType.String, "job: FREQUENCY:DURATION[:sync], e.g. 10hz:2500us")),
        new("cores", new ScalarSchema(ScalarType.Integer, "edge: cores serving requests", Min: 1, Max: 1024)),
        new("cores_per_request", new ScalarSchema(ScalarType.Integer, "edge: cores one request occupies at once", Min: 1, Max: 1024)),
        new("load", new ScalarSchema(ScalarType.Number, "edge: rescale arrivals to this offered load (below 1)", Min: 0)),
        new("rate_scale", new ScalarSchema(ScalarType.Number, "edge: rescale arrivals this many times as fast", Min: 0)),
        new("queue_limit", new ScalarSchema(ScalarType.Integer, "edge: requests that may wait; more are dropped", Min: 0)),
        new("window_s", new ScalarSchema(ScalarType.Number, "simulated time per job window (job: default 2 s; replay: each job's window, default 0.5 s)", Min: 0)),
        new("trace", new ScalarSchema(ScalarType.String, "replay: an SWF file (relative to this file) or a generator, e.g. synthetic:hpc?jobs=5000&nodes=64")),
        new("nodes", new ScalarSchema(ScalarType.Integer, "replay: cluster size (default: the trace's)", Min: 1)),
        new("policy", new ScalarSchema(ScalarType.String, "replay: queue policy", [.. QueuePolicies.Registry.Names])),
        new("backfill", new ScalarSchema(ScalarType.String, "replay: backfilling", [.. Backfills.Registry.Names])),
        new("mix", new ScalarSchema(ScalarType.String, "replay: default, or one profile for every job", ["default", .. JobProfiles.Registry.Names])),
        new("estimate", new ScalarSchema(ScalarType.String, "replay: requested or runtime", ["requested", "runtime"])),
        new("set", new DictionarySchema(Value, "fixed parameter values", "scenario parameters or model paths (stack.primary.tick_hz, soc.l2.size_bytes, profile.iteration_seconds)",
            ParameterKeys)),
        new("sweep", Sweep),
    ]);

    public static MapSchema Campaign(IEnumerable<string> stackNames) => new("a NodeSim campaign",
    [
        new("campaign", new ScalarSchema(ScalarType.String, "the campaign's name; results go to Results/runs/<name>"), true),
        new("description", new ScalarSchema(ScalarType.String, "free text")),
        new("seed", new ScalarSchema(ScalarType.Integer, "root seed; every run's seed derives from it, the scenario, the point and the replica", Min: 0)),
        new("replications", new ScalarSchema(ScalarType.Integer, "default replications per point and stack", Min: 1, Max: CampaignLimits.MaxReplications)),
        new("define_stacks", new DictionarySchema(StackDefinition, "stacks of your own", "stack names")),
        new("scenarios", new ListSchema(Scenario(stackNames), "the experiments", 1), true),
    ]);

    /// <summary>The JSON Schema of campaign files (draft 2020-12), for editors.</summary>
    public static System.Text.Json.Nodes.JsonObject JsonSchema()
    {
        var schema = Campaign(IsolationStack.BuiltIn.Select(s => s.Name)).ToJsonSchema();
        schema["$schema"] = "https://json-schema.org/draft/2020-12/schema";
        schema["$id"] = "https://nodesim.example/campaign.schema.json";
        schema["title"] = "NodeSim campaign";
        // Defined stacks add names, so the scenario's stack list accepts any string in the schema file.
        var stacks = schema["properties"]!["scenarios"]!["items"]!["properties"]!["stacks"]!["items"]!.AsObject();
        stacks.Remove("enum");
        stacks["description"] = $"a built-in stack ({string.Join(", ", IsolationStack.BuiltIn.Select(s => s.Name))}) or one of define_stacks";
        var sweep = schema["properties"]!["scenarios"]!["items"]!["properties"]!["sweep"]!.AsObject();
        sweep["additionalProperties"] = SweepValues.ToJsonSchema();
        sweep["propertyNames"] = new System.Text.Json.Nodes.JsonObject
        {
            ["enum"] = new System.Text.Json.Nodes.JsonArray([.. ParameterKeys.Prepend("zip").Select(k => (System.Text.Json.Nodes.JsonNode)k)]),
        };
        return schema;
    }
}
