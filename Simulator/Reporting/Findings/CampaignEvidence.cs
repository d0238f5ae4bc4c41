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

    /// <summary>The unit of the scenario's headline metric.</summary>
    public string HeadlineUnit(ScenarioInfo scenario)
    {
        var kind = Kind(scenario);
        return kind.Metrics.First(m => m.Name == kind.Headline.Metric).Unit;
    }

    /// <summary>The scenario's points at which every one of <paramref name="stacks"/> has a headline, each as its rows by stack.</summary>
    public IReadOnlyList<Dictionary<string, SummaryRow>> HeadlinePoints(ScenarioInfo scenario, params string[] stacks) =>
        [.. Headline(scenario).GroupBy(r => r.Point).Select(g => g.ToDictionary(r => r.Stack)).Where(p => stacks.All(p.ContainsKey))];

    /// <summary>The first scenario that ran every one of <paramref name="stacks"/> and sweeps <paramref name="parameter"/>, with its points (null without one).</summary>
    public (ScenarioInfo Scenario, IReadOnlyList<Dictionary<string, SummaryRow>> Points)? Sweeping(string parameter, params string[] stacks)
    {
        foreach (var scenario in With(stacks).Where(s => s.Swept.Contains(parameter)))
            if (HeadlinePoints(scenario, stacks) is { Count: > 0 } points) return (scenario, points);
        return null;
    }

    /// <summary>A setting of a point: swept (<paramref name="values"/>), fixed by the scenario, or its kind's default.</summary>
    public string? Setting(ScenarioInfo scenario, IReadOnlyList<KeyValuePair<string, string>> values, string key)
    {
        if (values.FirstOrDefault(v => v.Key == key).Value is { } swept) return swept;
        if (scenario.Settings?.GetValueOrDefault(key) is { } given) return given;
        var kind = Kind(scenario);
        return kind.Parameters.Parameters.FirstOrDefault(p => p.Name == key)?.Text(kind.Defaults);
    }

    /// <summary>
    /// Whether a sensitivity study was made where a finding's point is, on <paramref name="keys"/> (profile, interconnect): its
    /// robustness speaks for that point only then.
    /// </summary>
    public bool Covers((ScenarioInfo Scenario, ContrastStudy Study) study, ScenarioInfo scenario, SummaryRow at, params string[] keys) =>
        keys.All(k => Setting(study.Scenario, study.Study.Study.Base, k) == Setting(scenario, at.Parameters, k));

    /// <summary>"collective amplification (35.3) and world switches (0.2)": the largest parts of a result's ledger, or "" without a ledger.</summary>
    public string LargestCauses(ScenarioInfo scenario, SummaryRow result, int count)
    {
        if (Kind(scenario).Ledger is not { } ledger) return "";
        return string.Join(" and ", LedgerRanking.Largest(ledger, _rows[scenario.Name].Where(r => r.Point == result.Point && r.Stack == result.Stack))
            .Take(count).Select(p => $"{p.Label} ({NumberText.Number(p.Mean)})"));
    }

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
