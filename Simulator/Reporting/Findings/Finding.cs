using System.Text.Json;
using System.Text.Json.Serialization;

namespace NodeSim.Reporting.Findings;

/// <summary>How far a finding holds when the assumed parameters move together (in JSON: robust, fragile, not_tested).</summary>
[JsonConverter(typeof(RobustnessJson))]
public enum Robustness
{
    /// <summary>No sensitivity study of the campaign tested it.</summary>
    NotTested,

    /// <summary>A sensitivity study tested it, and its sign held in every sample of the box.</summary>
    Robust,

    /// <summary>A sensitivity study tested it, and some samples of the box reverse it.</summary>
    Fragile,
}

/// <summary>
/// One sentence a campaign's data support, with its numbers: what <c>summary.md</c> opens with and <c>findings.json</c> holds.
/// </summary>
/// <param name="Question">The question it answers, in a few words.</param>
/// <param name="Statement">The finding, with its numbers and their 95 % intervals.</param>
/// <param name="Robustness">Whether a sensitivity study backs it.</param>
/// <param name="Backing">What the sensitivity study found (its box, the sign's share, the range, the leading parameters), or why none applies.</param>
/// <param name="Scenarios">The scenarios it is read from.</param>
/// <param name="Numbers">Its numbers by name, each in the unit its name ends with, for scripts.</param>
public sealed record Finding(string Question, string Statement, Robustness Robustness, string Backing, IReadOnlyList<string> Scenarios,
    IReadOnlyDictionary<string, double> Numbers);

/// <summary>Robustness in JSON as snake_case names.</summary>
internal sealed class RobustnessJson() : JsonStringEnumConverter<Robustness>(JsonNamingPolicy.SnakeCaseLower);
