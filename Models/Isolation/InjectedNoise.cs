using System.Globalization;
using System.Text.RegularExpressions;

namespace NodeSim.Models.Isolation;

/// <summary>Noise injected on purpose (Ferreira et al., SC'08): periodic detours of a given length.</summary>
public sealed partial record InjectedNoise(double FrequencyHz, double DurationSeconds, bool Synchronized)
{
    /// <summary>Parses <c>FREQUENCY:DURATION[:sync]</c>, e.g. <c>10hz:2500us</c> or <c>1khz:25us:sync</c>.</summary>
    /// <exception cref="UserInputException">The text is not such a specification, or the noise would take all the time.</exception>
    public static InjectedNoise Parse(string text) => Read(text, out var noise) is { } problem ? throw new UserInputException(problem) : noise!;

    /// <summary>What is wrong with <paramref name="text"/> as a specification, or null when it is one.</summary>
    public static string? Problem(string text) => Read(text, out _);

    private static string? Read(string text, out InjectedNoise? noise)
    {
        noise = null;
        var m = Pattern().Match(text.Trim());
        if (!m.Success) return $"'{text}' is not FREQUENCY:DURATION[:sync]; e.g. 10hz:2500us, 1khz:25us:sync";
        var frequency = double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) * (m.Groups[2].Value.ToLowerInvariant() == "khz" ? 1000 : 1);
        var duration = double.Parse(m.Groups[3].Value, CultureInfo.InvariantCulture) * m.Groups[4].Value.ToLowerInvariant() switch
        {
            "s" => 1,
            "ms" => 1e-3,
            "us" or "µs" => 1e-6,
            _ => 1e-9,
        };
        if (!(frequency > 0) || !(duration > 0)) return $"'{text}': frequency and duration must be positive";
        if (frequency * duration >= 1) return $"'{text}' takes {frequency * duration * 100:F0}% of the time; noise must take less than all of it";
        noise = new InjectedNoise(frequency, duration, m.Groups[5].Success);
        return null;
    }

    [GeneratedRegex(@"^([0-9]+(?:\.[0-9]+)?)\s*(hz|khz):([0-9]+(?:\.[0-9]+)?)\s*(s|ms|us|µs|ns)(:sync)?$", RegexOptions.IgnoreCase)]
    private static partial Regex Pattern();
}
