namespace NodeSim.Models.Parameters;

/// <summary>
/// A named model with every parameter value's source. Sources are given by parameter path
/// (<c>tick_hz</c>), by group for all the group's values (<c>l2</c>), or by <c>*</c> for every value
/// not named otherwise; a preset that leaves a value without a source, or names a path the model
/// does not have, is refused when it is made, so sources cannot drift from the parameters.
/// </summary>
public sealed class Preset<T> where T : class
{
    private readonly IReadOnlyDictionary<string, Source> _sources;

    /// <summary>A preset of a model that declares its own parameters (<see cref="IParameterized"/>).</summary>
    public Preset(string name, string description, T model, IReadOnlyDictionary<string, Source> sources)
        : this(name, description, model, (model as IParameterized)?.Parameters
            ?? throw new ArgumentException($"preset '{name}': a {typeof(T).Name} does not declare its parameters; give them", nameof(model)), sources)
    {
    }

    /// <summary>A preset of <paramref name="model"/>, whose parameters <paramref name="parameters"/> declares.</summary>
    public Preset(string name, string description, T model, ParameterSet parameters, IReadOnlyDictionary<string, Source> sources)
    {
        Name = name;
        Description = description;
        Model = model;
        Parameters = parameters;
        _sources = sources;
        var paths = parameters.All(model).Select(p => p.Path).ToList();
        foreach (var key in sources.Keys.Where(k => k != "*"))
            if (!paths.Any(p => p == key || p.StartsWith(key + ".", StringComparison.Ordinal)))
                throw new InvalidOperationException($"preset '{name}': a source is given for '{key}', which is not a parameter of a {parameters.Model}");
        foreach (var path in paths)
            if (Find(path) is null) throw new InvalidOperationException($"preset '{name}': no source for '{path}'");
        parameters.Check(model);
    }

    public string Name { get; }
    public string Description { get; }
    public T Model { get; }

    /// <summary>The model's parameters.</summary>
    public ParameterSet Parameters { get; }

    /// <summary>Where the value at <paramref name="path"/> comes from.</summary>
    public Source SourceOf(string path) => Find(path) ?? throw new ArgumentException($"'{path}' is not a parameter of preset '{Name}'", nameof(path));

    /// <summary>Every parameter with its path, value and source.</summary>
    public IEnumerable<(string Path, Parameter Parameter, string Value, Source Source)> Values() =>
        Parameters.All(Model).Select(p => (p.Path, p.Parameter, p.Parameter.Text(p.Owner), SourceOf(p.Path)));

    private Source? Find(string path)
    {
        for (var key = path; ; key = key[..key.LastIndexOf('.')])
        {
            if (_sources.TryGetValue(key, out var source)) return source;
            if (!key.Contains('.')) return _sources.GetValueOrDefault("*");
        }
    }
}
