namespace NodeSim.Models.Parameters;

/// <summary>
/// A group of parameters inside a model, reached by a path segment: a stack's <c>primary</c> kernel,
/// a SoC's <c>l2</c> cache, a kernel's <c>pages</c> policy. Its own parameters come from the model it
/// holds, so a stack's <c>hypervisor</c> group has whatever parameters its hypervisor declares.
/// </summary>
public sealed class ParameterGroup(string name, string description, bool sweepable, Func<object, IParameterized?> get, Func<object, IParameterized, object> with)
{
    public string Name { get; } = name;
    public string Description { get; } = description;

    /// <summary>False when no parameter in the group may be swept (the group changes no result of the model).</summary>
    public bool Sweepable { get; } = sweepable;

    /// <summary>The model in the group, or null when the model has none (a bare-metal stack's hypervisor).</summary>
    public IParameterized? Of(object model) => get(model);

    /// <summary>A copy of <paramref name="model"/> with the group's model replaced.</summary>
    public object With(object model, IParameterized inner) => with(model, inner);
}

/// <summary>
/// The parameters of a model type, each declared once (the SST ELI pattern): they are the only
/// ones a scenario can set or sweep, by a dotted snake_case path, and the only ones
/// <c>nodesim params</c> lists. Build one with <see cref="For{T}"/>.
/// </summary>
public sealed class ParameterSet(string model, IReadOnlyList<Parameter> parameters, IReadOnlyList<ParameterGroup> groups)
{
    /// <summary>What kind of model this is, e.g. "node kernel", "SoC".</summary>
    public string Model { get; } = model;
    public IReadOnlyList<Parameter> Parameters { get; } = parameters;
    public IReadOnlyList<ParameterGroup> Groups { get; } = groups;

    /// <summary>The names a path segment may take here: parameters, then groups.</summary>
    public IReadOnlyList<string> Names => [.. Parameters.Select(p => p.Name), .. Groups.Select(g => g.Name)];

    public static ParameterSetBuilder<T> For<T>(string model) where T : class => new(model);

    /// <summary>A copy of <paramref name="model"/> with each of <paramref name="values"/> (name → text) set, in order.</summary>
    /// <exception cref="ParameterException">A name is not a parameter here, or a value does not fit.</exception>
    public static T Bind<T>(T model, IEnumerable<KeyValuePair<string, string>> values) where T : class, IParameterized
    {
        foreach (var (name, text) in values)
        {
            if (!model.Parameters.Names.Contains(name)) throw new ParameterException(UnknownName.Message("parameter", name, model.Parameters.Names));
            model = model.Parameters.With(model, name, text);
        }
        return model;
    }

    /// <summary>A copy of <paramref name="model"/> with the parameter at the dotted <paramref name="path"/> set from <paramref name="text"/>.</summary>
    /// <exception cref="ParameterException">The path names no parameter, goes through a group the model does not have, or the value does not fit.</exception>
    public T With<T>(T model, string path, string text) where T : class => (T)With(model, path.Split('.'), 0, text, path);

    private object With(object model, string[] segments, int i, string text, string path)
    {
        var step = Step(model, segments, i, path);
        if (step.Parameter is { } parameter) return parameter.With(model, text, path);
        var inner = step.Inner ?? throw new ParameterException($"'{path}': '{segments[i]}' is absent here ({step.Group!.Description})");
        return step.Group!.With(model, (IParameterized)inner.Parameters.With(inner, segments, i + 1, text, path));
    }

    /// <summary>
    /// Whether the dotted <paramref name="path"/> reaches a parameter of <paramref name="model"/>: false when it passes
    /// through a group this model does not have (<c>hypervisor.*</c> on a bare-metal stack).
    /// </summary>
    /// <exception cref="ParameterException">The path names no parameter of any model of this type.</exception>
    public bool Reaches(object model, string path)
    {
        var segments = path.Split('.');
        var set = this;
        for (var i = 0; ; i++)
        {
            var step = set.Step(model, segments, i, path);
            if (step.Parameter is not null) return true;
            if (step.Inner is not { } inner) return false;
            model = inner;
            set = inner.Parameters;
        }
    }

    /// <summary>What segment <paramref name="i"/> of a path names here: the parameter (last segment), or a group and the model in it (null when absent).</summary>
    /// <exception cref="ParameterException">The segment names neither, or names a group where a value is wanted or the other way round.</exception>
    private (Parameter? Parameter, ParameterGroup? Group, IParameterized? Inner) Step(object model, string[] segments, int i, string path)
    {
        var name = segments[i];
        var last = i == segments.Length - 1;
        if (last && Find(name) is { } parameter) return (parameter, null, null);
        if (Groups.FirstOrDefault(g => g.Name == name) is { } group)
            return !last ? (null, group, group.Of(model))
                : throw new ParameterException($"'{path}': '{name}' is a group of parameters, not a value; accepted under it: " +
                                               string.Join(", ", group.Of(model)?.Parameters.Names ?? []));
        if (!last && Find(name) is not null) throw new ParameterException($"'{path}': '{name}' is a value, not a group of parameters");
        throw new ParameterException($"'{path}': {UnknownName.Message($"{Model} parameter", name, Names)}");
    }

    /// <summary>
    /// A parameter by name; a size may be named without its unit suffix (<c>l2.size</c> for <c>l2.size_bytes</c>).
    /// </summary>
    private Parameter? Find(string name) =>
        Parameters.FirstOrDefault(p => p.Name == name) ?? Parameters.FirstOrDefault(p => p.Kind == ValueKind.Size && p.Name == name + "_bytes");

    /// <summary>Every parameter of <paramref name="model"/>, its groups' included, with its dotted path under <paramref name="prefix"/>.</summary>
    public IEnumerable<(string Path, Parameter Parameter, object Owner)> All(object model, string prefix = "") =>
        Described(model, prefix, true).Select(x => (x.Path, x.Parameter, x.Owner));

    /// <summary>Every parameter of <paramref name="model"/> with its path, and whether a campaign may sweep it.</summary>
    public IEnumerable<(string Path, Parameter Parameter, object Owner, bool Sweepable)> Described(object model, string prefix = "", bool sweepable = true)
    {
        foreach (var p in Parameters) yield return (prefix + p.Name, p, model, sweepable && p.Sweepable);
        foreach (var g in Groups)
            if (g.Of(model) is { } inner)
                foreach (var x in inner.Parameters.Described(inner, $"{prefix}{g.Name}.", sweepable && g.Sweepable)) yield return x;
    }

    /// <summary>Whether the parameter at <paramref name="path"/> of <paramref name="model"/> may be swept; and if not, why.</summary>
    /// <exception cref="ParameterException">The path names no parameter of the model.</exception>
    public string? WhyNotSweepable(object model, string path)
    {
        var segments = path.Split('.');
        object current = model;
        var set = this;
        for (var i = 0; i < segments.Length - 1; i++)
        {
            var group = set.Groups.FirstOrDefault(g => g.Name == segments[i]);
            if (group?.Of(current) is not { } inner) return null;   // With reports the path
            if (!group.Sweepable) return $"'{group.Name}' is {group.Description}";
            current = inner;
            set = inner.Parameters;
        }
        var parameter = set.Find(segments[^1]);
        return parameter is { Sweepable: false } ? $"'{parameter.Name}' is {parameter.Description}" : null;
    }

    /// <summary>Throws <see cref="ParameterException"/> for the first value of <paramref name="model"/> outside its range.</summary>
    public void Check(object model)
    {
        foreach (var (_, parameter, owner) in All(model)) parameter.Check(owner);
    }
}

/// <summary>Declares the parameters of a model type <typeparamref name="T"/>, one call each.</summary>
public sealed class ParameterSetBuilder<T>(string model) where T : class
{
    private readonly List<Parameter> _parameters = [];
    private readonly List<ParameterGroup> _groups = [];

    /// <summary>A real number in [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public ParameterSetBuilder<T> Number(string name, string unit, double min, double max, string description, Func<T, double> get, Func<T, double, T> set,
        bool sweepable = true) =>
        Add(new NumberParameter<T>(name, unit, description, ValueKind.Number, min, max, sweepable, m => get(m), set));

    /// <summary>A whole number in [<paramref name="min"/>, <paramref name="max"/>]; <paramref name="logScale"/> when its values span orders of magnitude.</summary>
    public ParameterSetBuilder<T> Integer(string name, string unit, long min, long max, string description, Func<T, long> get, Func<T, long, T> set,
        bool sweepable = true, bool logScale = false) =>
        Add(new NumberParameter<T>(name, unit, description, ValueKind.Integer, min, max, sweepable, v => get(v), (m, v) => set(m, (long)v)) { LogScale = logScale });

    /// <summary>A real number in [<paramref name="min"/>, <paramref name="max"/>] that a model may leave unset, meaning <paramref name="absent"/>.</summary>
    public ParameterSetBuilder<T> OptionalNumber(string name, string unit, double min, double max, string absent, string description,
        Func<T, double?> get, Func<T, double, T> set) =>
        Add(new NumberParameter<T>(name, unit, description, ValueKind.Number, min, max, true, get, set) { Absent = absent });

    /// <summary>A whole number in [<paramref name="min"/>, <paramref name="max"/>] that a model may leave unset, meaning <paramref name="absent"/>.</summary>
    public ParameterSetBuilder<T> OptionalInteger(string name, string unit, long min, long max, string absent, string description,
        Func<T, long?> get, Func<T, long, T> set) =>
        Add(new NumberParameter<T>(name, unit, description, ValueKind.Integer, min, max, true, v => get(v), (m, v) => set(m, (long)v)) { Absent = absent });

    /// <summary>
    /// The name of an entry of a registry, one of <paramref name="names"/> as registered when it is read; matched whatever its
    /// case. <paramref name="what"/> names the entries in messages ("profile").
    /// </summary>
    public ParameterSetBuilder<T> Name(string name, string what, string description, Func<IReadOnlyList<string>> names, Func<T, string?> get, Func<T, string, T> set,
        bool required = false) =>
        Add(new NameParameter<T>(name, what, description, true, names, get, set) { Required = required });

    /// <summary>Free text the model reads itself; <paramref name="check"/> (if given) says what is wrong with a text, or null.</summary>
    public ParameterSetBuilder<T> Text(string name, string description, Func<T, string?> get, Func<T, string, T> set, bool required = false,
        string? absent = null, Func<string, string?>? check = null) =>
        Add(new TextParameter<T>(name, description, true, get, set, check ?? (_ => null)) { Required = required, Absent = absent });

    /// <summary>A whole number from 0 to 2^64 − 1, kept exact (a seed).</summary>
    public ParameterSetBuilder<T> Unsigned(string name, string description, Func<T, ulong> get, Func<T, ulong, T> set) =>
        Add(new UnsignedParameter<T>(name, description, get, set));

    /// <summary>A number of bytes in [<paramref name="min"/>, <paramref name="max"/>], written with or without a unit.</summary>
    public ParameterSetBuilder<T> Size(string name, long min, long max, string description, Func<T, long> get, Func<T, long, T> set, bool sweepable = true) =>
        Add(new NumberParameter<T>(name, "B", description, ValueKind.Size, min, max, sweepable, v => get(v), (m, v) => set(m, (long)v)));

    /// <summary>One of <paramref name="choices"/>, by name, or by one of <paramref name="aliases"/> (accepted, not listed).</summary>
    public ParameterSetBuilder<T> Choice<TValue>(string name, string description, IReadOnlyList<(string Name, TValue Value)> choices,
        Func<T, TValue> get, Func<T, TValue, T> set, bool sweepable = true, IReadOnlyList<(string Name, TValue Value)>? aliases = null) =>
        Add(new ChoiceParameter<T, TValue>(name, description, sweepable, choices, aliases ?? [], get, set));

    /// <summary>A group: a model inside this one (null when absent), with parameters of its own.</summary>
    /// <param name="sweepable">False when the group changes no result of the model, so that a sweep over it would mislead.</param>
    public ParameterSetBuilder<T> Group<TInner>(string name, string description, Func<T, TInner?> get, Func<T, TInner, T> set, bool sweepable = true)
        where TInner : class, IParameterized
    {
        _groups.Add(new ParameterGroup(name, description, sweepable, m => get((T)m), (m, inner) => set((T)m, (TInner)inner)));
        return this;
    }

    public ParameterSet Build() => new(model, _parameters, _groups);

    private ParameterSetBuilder<T> Add(Parameter p)
    {
        if (_parameters.Any(x => x.Name == p.Name)) throw new InvalidOperationException($"{model}: parameter '{p.Name}' is declared twice");
        _parameters.Add(p);
        return this;
    }
}
