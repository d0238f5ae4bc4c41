using Spectre.Console.Cli;

namespace NodeSim.Cli;

/// <summary>
/// Spectre.Console.Cli's seam for constructing commands: the services given at start-up (the
/// registries, what writes files) are handed to each command's constructor; settings and other
/// types Spectre registers are made with their constructors, whose parameters are resolved alike.
/// A service registered several times resolves to the last, and as <c>IEnumerable&lt;T&gt;</c> to all.
/// </summary>
internal sealed class TypeRegistrar : ITypeRegistrar
{
    private readonly Dictionary<Type, List<Func<TypeResolver, object>>> _made = [];

    public void Register(Type service, Type implementation) => Add(service, resolver => resolver.Construct(implementation));

    public void RegisterInstance(Type service, object implementation) => Add(service, _ => implementation);

    public void RegisterLazy(Type service, Func<object> factory)
    {
        var value = new Lazy<object>(factory);
        Add(service, _ => value.Value);
    }

    public ITypeResolver Build() => new TypeResolver(_made.ToDictionary(kv => kv.Key, kv => (IReadOnlyList<Func<TypeResolver, object>>)[.. kv.Value]));

    private void Add(Type service, Func<TypeResolver, object> make)
    {
        if (!_made.TryGetValue(service, out var list)) _made[service] = list = [];
        list.Add(make);
    }

    internal sealed class TypeResolver(IReadOnlyDictionary<Type, IReadOnlyList<Func<TypeResolver, object>>> made) : ITypeResolver
    {
        /// <summary>A registered service (the last registration), every registration of <c>T</c> for <c>IEnumerable&lt;T&gt;</c>, or null.</summary>
        public object? Resolve(Type? type)
        {
            if (type is null) return null;
            if (made.TryGetValue(type, out var makes)) return makes[^1](this);
            if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IEnumerable<>))
            {
                var item = type.GetGenericArguments()[0];
                var all = made.TryGetValue(item, out var items) ? items.Select(m => m(this)).ToList() : [];
                var array = Array.CreateInstance(item, all.Count);
                for (var i = 0; i < all.Count; i++) array.SetValue(all[i], i);
                return array;
            }
            return null;
        }

        /// <summary>An instance of <paramref name="type"/> by its constructor with the most parameters, each a registered service.</summary>
        public object Construct(Type type)
        {
            var constructor = type.GetConstructors().OrderByDescending(c => c.GetParameters().Length).First();
            var arguments = constructor.GetParameters()
                .Select(p => Resolve(p.ParameterType) ?? throw new InvalidOperationException($"{type.Name} needs a {p.ParameterType.Name}, which was not registered"))
                .ToArray();
            return constructor.Invoke(arguments);
        }
    }
}
