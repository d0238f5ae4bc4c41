using NodeSim.Files;
using NodeSim.Engine;
using NodeSim.Models;
using NodeSim.Models.Isolation;
using NodeSim.Models.Network;
using NodeSim.Models.Parameters;
using NodeSim.Models.Registries;
using NodeSim.Models.Soc;
using NodeSim.Models.Workloads;
using NodeSim.Traces.Sources;

namespace NodeSim.Config;

/// <summary>
/// One point of a scenario under one stack, as its kind resolves it: the models its values name,
/// with the point's overrides (soc.*, interconnect.*, profile.*) set and checked, and errors placed
/// at the line and column where the value was written.
/// </summary>
internal sealed class PointContext(Campaign campaign, ScenarioSpec scenario, IReadOnlyList<ParameterValue> values, IsolationStack stack, ulong seed,
    ModelCatalogue models, HashSet<object> checkedOnce) : IPointContext
{
    public ulong Seed => seed;
    public IsolationStack Stack => stack;

    public SocPreset Soc(string preset) => Model(models.Socs.Get(preset).Model, "soc", "preset", s => s.Validate());

    public Interconnect Interconnect(string name) => Model(models.Interconnects.Get(name).Model, "interconnect", "interconnect", i => i.Validate());

    public JobProfile Profile(string name) => Model(models.Profiles.Get(name).Model, "profile", "profile", p => p.Validate());

    /// <summary>A scenario's trace: a generator, or a file relative to the campaign file, which must exist.</summary>
    public WorkloadSource Trace(string spec)
    {
        WorkloadSource source;
        try
        {
            source = WorkloadSource.Parse(spec);
        }
        catch (UserInputException e)
        {
            throw Error("trace", e.Message);
        }
        if (source is not WorkloadSource.File file) return source;
        var full = Path.IsPathRooted(file.Path) ? file.Path : Path.GetFullPath(Path.Combine(campaign.Directory, file.Path));
        var entry = FileEntry.Of(full);
        if (entry.Kind == EntryKind.Absent) throw Error("trace", $"trace '{file.Path}': no such file (looked for {full})");
        if (entry.Kind != EntryKind.RegularFile) throw Error("trace", $"trace '{file.Path}': {full} is {entry.Describe()}, not a regular file; expected a trace file");
        return new WorkloadSource.File(full);
    }

    public void CheckOnce(object key, Action check, string parameter)
    {
        lock (checkedOnce)
            if (!checkedOnce.Add(key)) return;
        try
        {
            check();
        }
        catch (UserInputException e)
        {
            throw Error(parameter, e.Message);
        }
    }

    public UserInputException Error(string parameter, string problem) =>
        Last(parameter) is { } v ? At(v, problem) : new UserInputException($"scenario '{scenario.Name}': {problem}");

    /// <summary><paramref name="model"/> with the point's <paramref name="root"/>.* values set, then checked; a failed check blames the last such value, or the value that named the model.</summary>
    private T Model<T>(T model, string root, string namedBy, Action<T> validate) where T : class, IParameterized
    {
        var prefix = root + ".";
        var overrides = values.Where(v => v.Name.StartsWith(prefix, StringComparison.Ordinal)).ToList();
        foreach (var v in overrides) model = Override(model, v, prefix, scenario);
        Check(() => validate(model), overrides.LastOrDefault() ?? Last(namedBy), scenario);
        return model;
    }

    private ParameterValue? Last(string name) => values.LastOrDefault(v => v.Name == name);

    /// <summary>A copy of <paramref name="model"/> with the parameter <paramref name="v"/> names (under <paramref name="prefix"/>) set; a swept one must be sweepable.</summary>
    public static T Override<T>(T model, ParameterValue v, string prefix, ScenarioSpec scenario) where T : class, IParameterized
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

    /// <summary>Runs a model's own check; what it refuses is reported at <paramref name="blame"/> (or against the scenario).</summary>
    public static void Check(Action validate, ParameterValue? blame, ScenarioSpec scenario)
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

    public static UserInputException At(ParameterValue v, string problem) =>
        new($"{v.File}:{v.Line}:{v.Column}: {v.Path}: {problem}");
}
