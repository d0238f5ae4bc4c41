using NodeSim.Models;
using NodeSim.Config;
using NodeSim.Models.Scheduling;

namespace NodeSim.Cli;

/// <summary>Resolves names given on the command line to models, with "did you mean" errors.</summary>
public static class Choices
{
    public static IQueuePolicy Policy(string name) => QueuePolicies.Find(name)
        ?? throw new UserInputException($"unknown policy '{name}'{Suggestions.DidYouMean(name, QueuePolicies.All.Select(p => p.Name))}; choose one of: {string.Join(", ", QueuePolicies.All.Select(p => p.Name))}");

    public static IBackfill Backfill(string name) => Backfills.Find(name)
        ?? throw new UserInputException($"unknown backfilling '{name}'{Suggestions.DidYouMean(name, Backfills.All.Select(b => b.Name))}; choose one of: {string.Join(", ", Backfills.All.Select(b => b.Name))}");

    public static T Enum<T>(string text, string option) where T : struct, System.Enum =>
        System.Enum.TryParse<T>(text, ignoreCase: true, out var value) && !int.TryParse(text, out _)
            ? value
            : throw new UserInputException($"{option}: unknown value '{text}'{Suggestions.DidYouMean(text, System.Enum.GetNames<T>().Select(n => n.ToLowerInvariant()))}; choose one of: {string.Join(", ", System.Enum.GetNames<T>().Select(n => n.ToLowerInvariant()))}");
}
