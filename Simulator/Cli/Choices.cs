using NodeSim.Models;
using NodeSim.Models.Scheduling;

namespace NodeSim.Cli;

/// <summary>Resolves names given on the command line to registered models, with "did you mean" errors that name the option.</summary>
public static class Choices
{
    /// <summary>The entry of <paramref name="registry"/> named <paramref name="name"/>; the error names <paramref name="option"/>.</summary>
    public static T Named<T>(Registry<T> registry, string name, string option) where T : class =>
        registry.Find(name) ?? throw new UserInputException($"{option}: {UnknownName.Message(registry.What, name, registry.Names)}");

    public static IQueuePolicy Policy(string name) => Named(QueuePolicies.Registry, name, "--policy");

    public static IBackfill Backfill(string name) => Named(Backfills.Registry, name, "--backfill");

    public static T Enum<T>(string text, string option) where T : struct, System.Enum =>
        System.Enum.TryParse<T>(text, ignoreCase: true, out var value) && !int.TryParse(text, out _)
            ? value
            : throw new UserInputException($"{option}: {UnknownName.Message("value", text, System.Enum.GetNames<T>().Select(n => n.ToLowerInvariant()))}");
}
