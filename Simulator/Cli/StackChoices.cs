using NodeSim.Models;
using NodeSim.Config;
using NodeSim.Models.Isolation;
using NodeSim.Models.Soc;
using NodeSim.Models.Workloads;

namespace NodeSim.Cli;

/// <summary>Resolves stack, profile and preset names and noise specifications given on the command line.</summary>
public static class StackChoices
{
    public static IsolationStack Stack(string name) => Choices.Named(IsolationStack.Registry, name, "--stack");

    public static IReadOnlyList<IsolationStack> Stacks(string list) =>
        list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(Stack).Distinct().ToList() is { Count: > 0 } stacks
            ? stacks
            : throw new UserInputException("--stack: name at least one stack");

    public static JobProfile Profile(string name, string option = "--profile") => Choices.Named(JobProfiles.Registry, name, option).Model;

    public static SocPreset Preset(string name) => Choices.Named(SocPresets.Registry, name, "--preset").Model;

    public static Models.Network.Interconnect Interconnect(string name) => Choices.Named(Models.Network.Interconnects.Registry, name, "--interconnect").Model;

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
