using NodeSim.Engine;
using NodeSim.Reporting.Sensitivity;

namespace NodeSim.Reporting.Findings;

/// <summary>What findings are read from: a campaign's scenarios, its summary rows, and the analyses of its sensitivity studies.</summary>
public sealed class CampaignEvidence(IReadOnlyList<ScenarioInfo> scenarios, IReadOnlyList<SummaryRow> summary, Func<string, ScenarioKind> kindOf)
{
    private readonly ILookup<string, SummaryRow> _rows = summary.ToLookup(r => r.Scenario);
    private IReadOnlyList<(ScenarioInfo Scenario, ContrastStudy Study)>? _studies;

    public IReadOnlyList<ScenarioInfo> Scenarios => scenarios;

    public ScenarioKind Kind(ScenarioInfo scenario) => kindOf(scenario.Kind);

    /// <summary>The scenario's rows of its kind's headline metric.</summary>
    public IReadOnlyList<SummaryRow> Headline(ScenarioInfo scenario) => [.. _rows[scenario.Name].Where(r => r.Metric == Kind(scenario).Headline.Metric)];

    /// <summary>The scenario's rows of <paramref name="metric"/>.</summary>
    public IReadOnlyList<SummaryRow> Rows(ScenarioInfo scenario, string metric) => [.. _rows[scenario.Name].Where(r => r.Metric == metric)];

    /// <summary>The scenarios whose points are settings (not a study's samples) and that ran every one of <paramref name="stacks"/>.</summary>
    public IEnumerable<ScenarioInfo> With(params string[] stacks) =>
        scenarios.Where(s => s.Sensitivity is null && stacks.All(s.Stacks.Contains) && _rows[s.Name].Any());

    /// <summary>Every sensitivity study's contrasts, analysed once.</summary>
    public IReadOnlyList<(ScenarioInfo Scenario, ContrastStudy Study)> Studies => _studies ??=
        [.. scenarios.Where(s => s.Sensitivity is not null)
            .SelectMany(s => SensitivityAnalysis.Of(s, [.. _rows[s.Name]], Kind(s).Headline.Metric).Select(study => (s, study)))];

    /// <summary>The studies of the contrast between <paramref name="a"/> and <paramref name="b"/>, whichever is the reference.</summary>
    public IEnumerable<(ScenarioInfo Scenario, ContrastStudy Study)> StudiesOf(string a, string b) =>
        Studies.Where(s => (s.Study.Stack == a && s.Study.Reference == b) || (s.Study.Stack == b && s.Study.Reference == a));
}
