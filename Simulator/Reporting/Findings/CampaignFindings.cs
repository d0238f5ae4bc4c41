using System.Text;
using System.Text.Json;
using NodeSim.Engine;
using NodeSim.Files;

namespace NodeSim.Reporting.Findings;

/// <summary>
/// A campaign's findings: every registered rule's answers, read from its summary and sensitivity studies, for the top of
/// <c>summary.md</c> and for <c>findings.json</c>.
/// </summary>
public static class CampaignFindings
{
    public const string FileName = "findings.json";

    /// <summary>The questions NodeSim's campaigns answer, in the order the findings are listed. Adding one is a class and a line here.</summary>
    public static IReadOnlyList<FindingRule> Rules { get; } = [new KittenVersusLinuxPrimary(), new TunedLinux(), new HafniumCost(), new NetworkRanking()];

    public static IReadOnlyList<Finding> Of(IReadOnlyList<ScenarioInfo> scenarios, IReadOnlyList<SummaryRow> summary, Func<string, ScenarioKind> kindOf)
    {
        var evidence = new CampaignEvidence(scenarios, summary, kindOf);
        return [.. Rules.SelectMany(r => r.Find(evidence))];
    }

    /// <summary>The findings as markdown: a bullet each, with its robustness.</summary>
    public static string Markdown(IReadOnlyList<Finding> findings)
    {
        var md = new StringBuilder("## Findings\n\n");
        if (findings.Count == 0)
            return md.Append("None: the findings NodeSim writes compare the Kitten and Linux primaries, tuned Linux, and Hafnium against bare metal, " +
                             "each read from a job, replay or edge scenario that ran those stacks together (a sensitivity study only backs them); this campaign has none.\n\n").ToString();
        foreach (var f in findings)
        {
            var label = f.Robustness switch
            {
                Robustness.Robust => "**Robust**",
                Robustness.Fragile => "**Fragile**",
                _ => "*Not tested*",
            };
            md.Append("- **").Append(f.Question).Append(".** ").Append(f.Statement).Append(' ').Append(label).Append(": ")
                .Append(f.Backing).Append(f.Backing.EndsWith('.') ? "\n" : ".\n");
        }
        return md.Append('\n').ToString();
    }

    /// <summary>Writes <c>findings.json</c> into <paramref name="directory"/>, atomically.</summary>
    public static void Write(IOutputDirectory directory, IReadOnlyList<Finding> findings) =>
        directory.Write(FileName, s => JsonSerializer.Serialize(s, new { findings }, JsonFormat.Options));
}
