using NodeSim.Models;
using NodeSim.Models.Isolation;
using NodeSim.Models.Registries;

namespace NodeSim.Cli.Conventions;

/// <summary>Resolves names given on the command line to registered models, with "did you mean" errors that name the option.</summary>
public static class Choices
{
    /// <summary>The entry of <paramref name="registry"/> named <paramref name="name"/>; the error names <paramref name="option"/>.</summary>
    public static T Named<T>(Registry<T> registry, string name, string option) where T : class =>
        registry.Find(name) ?? throw new UserInputException($"{option}: {UnknownName.Message(registry.What, name, registry.Names)}");

    /// <summary>A comma-separated list of stacks, each once.</summary>
    public static IReadOnlyList<IsolationStack> Stacks(ModelCatalogue models, string list, string option = "--stack") =>
        list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(s => Named(models.Stacks, s, option)).Distinct().ToList() is { Count: > 0 } stacks
            ? stacks
            : throw new UserInputException($"{option}: name at least one stack");
}
