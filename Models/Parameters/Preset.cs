namespace NodeSim.Models.Parameters;

/// <summary>
/// A named model with every parameter value's source. Sources are given by parameter path
/// (<c>tick_hz</c>), by group for all the group's values (<c>l2</c>), or by <c>*</c> for every value
/// not named otherwise; a preset that leaves a value without a source, or names a path the model
/// does not have, is refused when it is made, so sources cannot drift from the parameters.
/// </summary>
public sealed class Preset<T> where T : class, IParameterized
{
    private readonly IReadOnlyDictionary<string, Source> _sources;

    public Preset(string name, string description, T model, IReadOnlyDictionary<string, Source> sources)
    {
        Name = name;
        Description = description;
        Model = model;
        _sources = sources;
        var paths = model.Parameters.All(model).Select(p => p.Path).ToList();
        foreach (var key in sources.Keys.Where(k => k != "*"))
            if (!paths.Any(p => p == key || p.StartsWith(key + ".", StringComparison.Ordinal)))
                throw new InvalidOperationException($"preset '{name}': a source is given for '{key}', which is not a parameter of a {model.Parameters.Model}");
        foreach (var path in paths)
            if (Find(path) is null) throw new InvalidOperationException($"preset '{name}': no source for '{path}'");
        model.Parameters.Check(model);
    }

    public string Name { get; }
    public string Description { get; }
    public T Model { get; }

    /// <summary>Where the value at <paramref name="path"/> comes from.</summary>
    public Source SourceOf(string path) => Find(path) ?? throw new ArgumentException($"'{path}' is not a parameter of preset '{Name}'", nameof(path));

    /// <summary>Every parameter with its path, value and source.</summary>
    public IEnumerable<(string Path, Parameter Parameter, string Value, Source Source)> Values() =>
        Model.Parameters.All(Model).Select(p => (p.Path, p.Parameter, p.Parameter.Text(p.Owner), SourceOf(p.Path)));

    private Source? Find(string path)
    {
        for (var key = path; ; key = key[..key.LastIndexOf('.')])
        {
            if (_sources.TryGetValue(key, out var source)) return source;
            if (!key.Contains('.')) return _sources.GetValueOrDefault("*");
        }
    }
}
