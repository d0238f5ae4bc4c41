using NodeSim.Models;
using NodeSim.Config;
using NodeSim.Models.Isolation;
using NodeSim.Models.Soc;
using NodeSim.Models.Workloads;

namespace NodeSim.Cli;

/// <summary>Resolves stack, profile and preset names and noise specifications given on the command line.</summary>
public static class StackChoices
{
    public static IsolationStack Stack(string name) => IsolationStack.Find(name.Trim())
        ?? throw new UserInputException($"unknown stack '{name}'{Suggestions.DidYouMean(name, IsolationStack.BuiltIn.Select(s => s.Name))}; choose from: {string.Join(", ", IsolationStack.BuiltIn.Select(s => s.Name))}");

    public static IReadOnlyList<IsolationStack> Stacks(string list) =>
        list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(Stack).Distinct().ToList() is { Count: > 0 } stacks
            ? stacks
            : throw new UserInputException("--stack: name at least one stack");

    public static JobProfile Profile(string name) => JobProfiles.Find(name.Trim())
        ?? throw new UserInputException($"unknown profile '{name}'{Suggestions.DidYouMean(name, JobProfiles.All.Select(p => p.Name))}; choose from: {string.Join(", ", JobProfiles.All.Select(p => p.Name))}");

    public static SocPreset Preset(string name) => SocPresets.Find(name)
        ?? throw new UserInputException($"--preset: unknown SoC '{name}'{Suggestions.DidYouMean(name, SocPresets.All.Select(p => p.Name))}; choose one of: {string.Join(", ", SocPresets.All.Select(p => p.Name))}");

    /// <summary>Parses <c>--inject-noise</c>: <c>FREQUENCY:DURATION[:sync]</c>, e.g. <c>10hz:2500us</c> (see <see cref="InjectedNoise.Parse"/>).</summary>
    public static InjectedNoise Noise(string text)
    {
        try
        {
            return InjectedNoise.Parse(text);
        }
        catch (UserInputException e)
        {
            throw new UserInputException($"--inject-noise: {e.Message}");
        }
    }
}
