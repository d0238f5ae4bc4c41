using System.Globalization;
using System.Text.RegularExpressions;
using NodeSim.Config;
using NodeSim.Models.Isolation;
using NodeSim.Models.Soc;
using NodeSim.Models.Workloads;

namespace NodeSim.Cli;

/// <summary>Resolves stack, profile and preset names and noise specifications given on the command line.</summary>
public static partial class StackChoices
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

    /// <summary>Parses <c>FREQUENCY:DURATION[:sync]</c>, e.g. <c>10hz:2500us</c> or <c>1khz:25us:sync</c>.</summary>
    public static InjectedNoise Noise(string text)
    {
        var m = NoisePattern().Match(text.Trim());
        if (!m.Success)
            throw new UserInputException($"--inject-noise: '{text}' is not FREQUENCY:DURATION[:sync]; e.g. 10hz:2500us, 1khz:25us:sync");
        var frequency = double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) * (m.Groups[2].Value.ToLowerInvariant() == "khz" ? 1000 : 1);
        var duration = double.Parse(m.Groups[3].Value, CultureInfo.InvariantCulture) * m.Groups[4].Value.ToLowerInvariant() switch
        {
            "s" => 1,
            "ms" => 1e-3,
            "us" or "µs" => 1e-6,
            _ => 1e-9,
        };
        if (!(frequency > 0) || !(duration > 0)) throw new UserInputException($"--inject-noise: '{text}': frequency and duration must be positive");
        if (frequency * duration >= 1) throw new UserInputException($"--inject-noise: '{text}' takes {frequency * duration * 100:F0}% of the time; noise must take less than all of it");
        return new InjectedNoise(frequency, duration, m.Groups[5].Success);
    }

    [GeneratedRegex(@"^([0-9]+(?:\.[0-9]+)?)\s*(hz|khz):([0-9]+(?:\.[0-9]+)?)\s*(s|ms|us|µs|ns)(:sync)?$", RegexOptions.IgnoreCase)]
    private static partial Regex NoisePattern();
}
