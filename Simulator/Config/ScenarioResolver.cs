using NodeSim.Models;
using System.Globalization;
using NodeSim.Engine;
using NodeSim.Models.Isolation;
using NodeSim.Models.Network;
using NodeSim.Models.Parameters;
using NodeSim.Models.Scheduling;
using NodeSim.Models.Soc;
using NodeSim.Models.Workloads;
using NodeSim.Traces;

namespace NodeSim.Config;

/// <summary>
/// Builds a run's models from a scenario point: the preset, stack and profile with their
/// overrides (soc.*, stack.*, profile.*) and the scenario parameters. A value that does not fit is
/// reported at the line and column where it was written.
/// </summary>
public static class ScenarioResolver
{
    /// <summary>
    /// Every run of the campaign, in a fixed order (scenario, point, replica, stack), with its models
    /// built: a campaign fails here, before it runs, not half-way.
    /// </summary>
    public static IReadOnlyList<RunSpec> Plan(Campaign campaign)
    {
        var runs = new List<RunSpec>();
        var checkedTraces = new HashSet<(WorkloadSource, int?, EstimateSource)>();
        foreach (var scenario in campaign.Scenarios)
            foreach (var point in scenario.Points)
            {
                CheckStackParameters(campaign, scenario, point);
                for (var replica = 0; replica < scenario.Replications; replica++)
                {
                    var seed = Campaign.RunSeed(campaign.Seed, scenario, point, replica);
                    foreach (var stack in scenario.Stacks)
                    {
                        var work = Resolve(campaign, scenario, point, stack, seed);
                        if (work is ReplayWork { Source: WorkloadSource.File } replay && checkedTraces.Add((replay.Source, replay.Nodes, replay.Estimate)))
                            CheckTrace(replay, scenario.Parameters(point).Last(v => v.Name == "trace"));
                        runs.Add(new RunSpec(runs.Count, scenario, point, stack, replica, seed, work));
                    }
                }
            }
        return runs;
    }

    /// <summary>
    /// Reads a trace file through once, so that what the replay could not use — a malformed line, a
    /// time beyond the clock, a machine size it does not give, no job it can replay — is refused now,
    /// by <c>validate</c>, at the line of the campaign that names it.
    /// </summary>
    private static void CheckTrace(ReplayWork replay, ParameterValue trace)
    {
        try
        {
            BatchWorkload.Load(replay.Source, replay.Nodes, replay.Estimate);
        }
        catch (UserInputException e)
        {
            throw At(trace, e.Message);
        }
    }

    /// <summary>A stack.* parameter must apply to at least one of the scenario's stacks.</summary>
    private static void CheckStackParameters(Campaign campaign, ScenarioSpec scenario, SweepPoint point)
    {
        foreach (var v in scenario.Parameters(point).Where(v => v.Name.StartsWith("stack.", StringComparison.Ordinal)))
            if (scenario.Stacks.All(s => !Applies(campaign.Stacks[s], v)))
                throw At(v, $"applies to none of this scenario's stacks ({string.Join(", ", scenario.Stacks)})");
    }

    public static RunWork Resolve(Campaign campaign, ScenarioSpec scenario, SweepPoint point, string stackName, ulong seed)
    {
        var values = scenario.Parameters(point);
        ParameterValue? Get(string name) => values.LastOrDefault(v => v.Name == name);

        var soc = Get("preset") is { } presetValue ? Named(SocPresets.Registry, presetValue).Model : SocPresets.PineA64;
        foreach (var v in values.Where(v => v.Name.StartsWith("soc.", StringComparison.Ordinal))) soc = Override(soc, v, "soc.", scenario);
        Check(() => soc.Validate(), values.LastOrDefault(v => v.Name.StartsWith("soc.", StringComparison.Ordinal)) ?? Get("preset"), scenario);

        var stack = campaign.Stacks[stackName];
        foreach (var v in values.Where(v => v.Name.StartsWith("stack.", StringComparison.Ordinal)))
            if (Applies(stack, v)) stack = Override(stack, v, "stack.", scenario);
        Check(() => stack.Validate(), values.LastOrDefault(v => v.Name.StartsWith("stack.", StringComparison.Ordinal)), scenario);

        var network = Get("interconnect") is { } netValue ? Named(Interconnects.Registry, netValue).Model : Interconnects.Polled;
        foreach (var v in values.Where(v => v.Name.StartsWith("interconnect.", StringComparison.Ordinal))) network = Override(network, v, "interconnect.", scenario);
        Check(() => network.Validate(), values.LastOrDefault(v => v.Name.StartsWith("interconnect.", StringComparison.Ordinal)) ?? Get("interconnect"), scenario);

        return scenario.Kind switch
        {
            ScenarioKind.Job => Job(values, stack, soc, network, scenario, seed),
            ScenarioKind.Replay => Replay(campaign, values, stack, soc, network, seed),
            ScenarioKind.Edge => Edge(campaign, values, stack, soc, seed),
        };
    }

    private static JobWork Job(IReadOnlyList<ParameterValue> values, IsolationStack stack, SocPreset soc, Interconnect network, ScenarioSpec scenario, ulong seed)
    {
        ParameterValue? Get(string name) => values.LastOrDefault(v => v.Name == name);
        {
            var profileValue = Get("profile")!;
            var profile = Named(JobProfiles.Registry, profileValue).Model;
            foreach (var v in values.Where(v => v.Name.StartsWith("profile.", StringComparison.Ordinal))) profile = Override(profile, v, "profile.", scenario);
            Check(() => profile.Validate(), values.LastOrDefault(v => v.Name.StartsWith("profile.", StringComparison.Ordinal)) ?? profileValue, scenario);
            var ranks = Get("ranks") is { } r ? Integer(r, 1, 1_000_000) : 4;
            InjectedNoise? noise = null;
            if (Get("inject_noise") is { } n)
            {
                try { noise = InjectedNoise.Parse(n.Value); }
                catch (UserInputException e) { throw At(n, e.Message); }
            }
            var window = Get("window_s") is { } w ? Number(w, 1e-6) : 2.0;
            return new JobWork(new JobExecutionRequest(profile, stack, ranks, soc, noise, seed, window, network));
        }
    }

    private static ReplayWork Replay(Campaign campaign, IReadOnlyList<ParameterValue> values, IsolationStack stack, SocPreset soc, Interconnect network, ulong seed)
    {
        ParameterValue? Get(string name) => values.LastOrDefault(v => v.Name == name);
        var traceValue = Get("trace")!;
        var source = Trace(campaign, traceValue);
        if (source is WorkloadSource.Edge) throw At(traceValue, "an edge-request generator has no batch jobs; use an SWF file or synthetic:hpc?...");
        // A generator without a seed of its own draws a new workload for each point and replica
        // (the same under every stack, so stacks are compared on identical jobs).
        if (source is WorkloadSource.Hpc hpc && !WorkloadSource.HasParameter(traceValue.Value, "seed"))
            source = new WorkloadSource.Hpc(hpc.Parameters with { Seed = seed });
        var nodes = Get("nodes") is { } nodesValue ? Integer(nodesValue, 1, 10_000_000) : (int?)null;
        var policy = Get("policy") is { } p ? Named(QueuePolicies.Registry, p) : QueuePolicies.Registry.Get("fcfs");
        var backfill = Get("backfill") is { } b ? Named(Backfills.Registry, b) : Backfills.Registry.Get("easy");
        var mix = Get("mix") is { } m && m.Value != "default" ? WorkloadMix.Only(Named(JobProfiles.Registry, m).Model) : WorkloadMix.Default(seed);
        var estimate = Get("estimate")?.Value == "runtime" ? EstimateSource.RunTime : EstimateSource.Requested;
        var window = Get("window_s") is { } w ? Number(w, 1e-6) : StackSlowdown.DefaultWindowSeconds;
        return new ReplayWork(stack, soc, source, nodes, policy, backfill, mix, estimate, seed, window, network);
    }

    /// <summary>A scenario's trace: a generator, or a file relative to the campaign file, which must exist.</summary>
    private static WorkloadSource Trace(Campaign campaign, ParameterValue traceValue)
    {
        WorkloadSource source;
        try
        {
            source = WorkloadSource.Parse(traceValue.Value);
        }
        catch (UserInputException e)
        {
            throw At(traceValue, e.Message);
        }
        if (source is not WorkloadSource.File file) return source;
        var full = Path.IsPathRooted(file.Path) ? file.Path : Path.GetFullPath(Path.Combine(campaign.Directory, file.Path));
        if (!File.Exists(full)) throw At(traceValue, $"trace '{file.Path}': no such file (looked for {full})");
        return new WorkloadSource.File(full);
    }

    private static EdgeWork Edge(Campaign campaign, IReadOnlyList<ParameterValue> values, IsolationStack stack, SocPreset soc, ulong seed)
    {
        ParameterValue? Get(string name) => values.LastOrDefault(v => v.Name == name);
        var traceValue = Get("trace")!;
        var source = Trace(campaign, traceValue);
        if (!source.IsEdge) throw At(traceValue, "an edge scenario serves requests: give an edge CSV or synthetic:edge?..., not a batch workload");
        var cores = Get("cores") is { } c ? Integer(c, 1, 1024) : 4;
        var load = Get("load") is { } l ? Number(l, 1e-9) : (double?)null;
        if (load >= 1) throw At(Get("load")!, $"load must lie below 1 (got {load}): a queue at or above capacity has no stationary latency");
        var rateScale = Get("rate_scale") is { } x ? Number(x, 1e-12) : (double?)null;
        var queueLimit = Get("queue_limit") is { } q ? Integer(q, 0, int.MaxValue) : (int?)null;
        var perRequest = Get("cores_per_request") is { } k ? Integer(k, 1, cores) : 1;
        return new EdgeWork(stack, soc, source, traceValue.Value, cores, load, rateScale, queueLimit, seed, perRequest);
    }

    /// <summary>Whether a stack.* parameter exists on this stack: a native stack has no hypervisor, so hypervisor.* skips it.</summary>
    private static bool Applies(IsolationStack stack, ParameterValue v)
    {
        try
        {
            stack.Parameters.With(stack, v.Name["stack.".Length..], v.Value);
            return true;
        }
        catch (AbsentGroupException)
        {
            return false;
        }
        catch (ParameterException e)
        {
            throw At(v, e.Message);
        }
    }

    /// <summary>A copy of <paramref name="model"/> with the parameter <paramref name="v"/> names (under <paramref name="prefix"/>) set; a swept one must be sweepable.</summary>
    private static T Override<T>(T model, ParameterValue v, string prefix, ScenarioSpec scenario) where T : class, IParameterized
    {
        var path = v.Name[prefix.Length..];
        try
        {
            var changed = model.Parameters.With(model, path, v.Value);
            if (scenario.SweptParameters.Contains(v.Name) && model.Parameters.WhyNotSweepable(model, path) is { } why)
                throw At(v, $"cannot be swept: {why}; give it one value under 'set:'");
            return changed;
        }
        catch (ParameterException e)
        {
            throw At(v, e.Message);
        }
    }

    /// <summary>The registry entry a value names, or an error at the value saying what the registry holds.</summary>
    private static T Named<T>(Registry<T> registry, ParameterValue v) where T : class =>
        registry.Find(v.Value) ?? throw At(v, UnknownName.Message(registry.What, v.Value, registry.Names));

    private static void Check(Action validate, ParameterValue? blame, ScenarioSpec scenario)
    {
        try
        {
            validate();
        }
        catch (ParameterException e)
        {
            throw blame is null ? new UserInputException($"scenario '{scenario.Name}': {e.Message}") : At(blame, e.Message);
        }
    }

    private static int Integer(ParameterValue v, int min, int max) =>
        int.TryParse(v.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var x) && x >= min && x <= max
            ? x
            : throw At(v, $"'{v.Value}' is not a whole number from {min:N0} to {max:N0}");

    private static double Number(ParameterValue v, double min) =>
        double.TryParse(v.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var x) && x >= min && double.IsFinite(x)
            ? x
            : throw At(v, $"'{v.Value}' is not a number of at least {min.ToString(CultureInfo.InvariantCulture)}");

    public static UserInputException At(ParameterValue v, string problem) =>
        new($"{v.File}:{v.Line}:{v.Column}: {v.Path}: {problem}");
}
