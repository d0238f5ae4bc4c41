namespace NodeSim.Models;

/// <summary>"Unknown X" errors, worded one way everywhere: the name, the closest known one, and every name accepted.</summary>
public static class UnknownName
{
    /// <summary>e.g. <c>unknown profile 'gup' (did you mean 'gups'?); choose from: compute, stream, gups</c>.</summary>
    public static string Message(string what, string name, IEnumerable<string> known)
    {
        var names = known.ToList();
        return $"unknown {what} '{name}'{Suggestions.DidYouMean(name, names)}; choose from: {string.Join(", ", names)}";
    }

    public static UserInputException Error(string what, string name, IEnumerable<string> known) => new(Message(what, name, known));
}

/// <summary>
/// The named implementations of one extension point (node kernels, hypervisors, SoC presets, job
/// profiles, queue policies, backfilling variants, stacks, kinds, plots): adding one is one
/// registration. Names are matched whatever their case; a name can be registered once. An
/// instance: whoever builds one owns it, and a frozen one refuses registrations. Safe for concurrent use.
/// </summary>
/// <param name="what">What the entries are, for messages: "node kernel", "SoC", "profile".</param>
/// <param name="nameOf">An entry's name.</param>
/// <param name="check">Refuses an entry that is not well formed (throws), before it is registered.</param>
public sealed class Registry<T>(string what, Func<T, string> nameOf, Action<T>? check = null) where T : class
{
    private readonly Lock _lock = new();
    private T[] _entries = [];
    private bool _frozen;

    public string What { get; } = what;

    /// <summary>The entries, in the order they were registered.</summary>
    public IReadOnlyList<T> All => Volatile.Read(ref _entries);

    public IReadOnlyList<string> Names => [.. All.Select(nameOf)];

    /// <summary>Registers <paramref name="entry"/>; a second entry of the same name, and any entry once frozen, are refused.</summary>
    public Registry<T> Add(T entry)
    {
        check?.Invoke(entry);
        lock (_lock)
        {
            var name = nameOf(entry);
            if (_frozen) throw new InvalidOperationException($"the {What} registry is frozen (shared); register '{name}' into a registry of your own");
            if (Find(name) is not null) throw new InvalidOperationException($"a {What} named '{name}' is registered already");
            Volatile.Write(ref _entries, [.. _entries, entry]);
        }
        return this;
    }

    /// <summary>Refuses every later registration: for a registry many users share.</summary>
    public Registry<T> Freeze()
    {
        lock (_lock) _frozen = true;
        return this;
    }

    /// <summary>The entry named <paramref name="name"/>, or null.</summary>
    public T? Find(string name) => All.FirstOrDefault(e => string.Equals(nameOf(e), name.Trim(), StringComparison.OrdinalIgnoreCase));

    /// <summary>The entry named <paramref name="name"/>.</summary>
    /// <exception cref="UserInputException">No entry has that name (the message suggests the closest and lists all).</exception>
    public T Get(string name) => Find(name) ?? throw UnknownName.Error(What, name, Names);
}
