using System.Globalization;
using System.Text.RegularExpressions;

namespace NodeSim.Models;

/// <summary>Sizes written for people: <c>256MiB</c>, <c>4k</c>, <c>2m</c>, <c>1GiB</c>, <c>512</c> (binary units: k = KiB).</summary>
public static partial class ByteSize
{
    public static long Parse(string text, string what)
    {
        var m = Pattern().Match(text.Trim());
        if (!m.Success || !double.TryParse(m.Groups[1].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            throw new UserInputException($"{what}: '{text}' is not a size; expected a number with an optional unit, e.g. 4k, 2m, 256MiB, 1GiB");
        var unit = m.Groups[2].Value.ToLowerInvariant().TrimEnd('b').Replace("i", "");
        var factor = unit switch
        {
            "" => 1L,
            "k" => 1L << 10,
            "m" => 1L << 20,
            "g" => 1L << 30,
            "t" => 1L << 40,
            _ => throw new UserInputException($"{what}: '{text}' has an unknown unit '{m.Groups[2].Value}'; expected B, KiB, MiB, GiB (or k, m, g)"),
        };
        var bytes = value * factor;
        if (bytes < 1 || bytes > long.MaxValue / 2 || bytes != Math.Floor(bytes))
            throw new UserInputException($"{what}: '{text}' is not a whole, positive number of bytes");
        return (long)bytes;
    }

    public static string Format(long bytes) => bytes switch
    {
        _ when bytes >= 1L << 30 && bytes % (1L << 30) == 0 => $"{bytes >> 30}GiB",
        _ when bytes >= 1L << 20 && bytes % (1L << 20) == 0 => $"{bytes >> 20}MiB",
        _ when bytes >= 1L << 10 && bytes % (1L << 10) == 0 => $"{bytes >> 10}KiB",
        _ => $"{bytes}B",
    };

    [GeneratedRegex(@"^([0-9]+(?:\.[0-9]+)?)\s*([A-Za-z]*)$")]
    private static partial Regex Pattern();
}
