using static NodeSim.Reporting.NumberText;

namespace NodeSim.Reporting.Findings;

/// <summary>
/// What a campaign's sensitivity studies say of a contrast between two stacks: in how many of each study's samples its sign
/// held, how far its magnitude ranged, and which parameters drove it (Morris's μ*). A finding is robust only when every
/// study of its contrast kept the sign in every sample.
/// </summary>
internal static class Backing
{
    /// <summary>The robustness of "<paramref name="a"/> − <paramref name="b"/> has the sign of <paramref name="sign"/>", and what the studies found.</summary>
    /// <param name="reversalsOnly">Describe only the studies in which the sign did not hold (and say when it held in all).</param>
    public static (Robustness Robustness, string Text, Dictionary<string, double> Numbers) Of(CampaignEvidence evidence, string a, string b, double sign,
        bool reversalsOnly = false)
    {
        var studies = evidence.StudiesOf(a, b).Where(s => s.Study.Contrast is not null).ToList();
        var numbers = new Dictionary<string, double>();
        if (studies.Count == 0)
            return (Robustness.NotTested, $"not tested: no sensitivity study of this campaign varies the assumed parameters under {a} against {b}", numbers);
        var parts = new List<string>();
        var held = 0;
        foreach (var (scenario, study) in studies)
        {
            var c = study.Contrast!;
            // The study's contrast is stack − reference: turn it into a − b.
            var flip = study.Stack == a ? 1 : -1;
            var (low, high) = flip > 0 ? (c.Min, c.Max) : (-c.Max, -c.Min);
            var agree = sign * flip >= 0 ? c.ShareAbove : c.ShareBelow;
            if (agree >= 1) held++;
            var key = $"{scenario.Name}{(study.Study.Base.Count == 0 ? "" : ":" + string.Join(",", study.Study.Base.Select(x => x.Value)))}";
            numbers[$"{key}:sign_held_share"] = agree;
            numbers[$"{key}:contrast_min"] = low;
            numbers[$"{key}:contrast_max"] = high;
            if (reversalsOnly && agree >= 1) continue;
            var unit = study.Measure == Engine.Sensitivity.ContrastMeasure.Difference ? " percentage points" : " (ln ratio)";
            var leading = study.Leading(2).Select(e => $"{e.Parameter.Name} (μ* {Number(e.Morris.MuStar)})").ToList();
            parts.Add($"{Where(study)}: the sign held in {Wording.Share(agree)} of {Wording.Count(c.Samples)} samples, {Number(low)} to {Number(high)}{unit}" +
                      (leading.Count > 0 ? $", led by {string.Join(" and ", leading)}" : ""));
        }
        var scenarios = string.Join(", ", studies.Select(s => $"'{s.Scenario.Name}'").Distinct());
        var intro = $"{scenarios} moved every assumed parameter over its range at {studies.Count} base point{(studies.Count == 1 ? "" : "s")}; the sign of {a} − {b} held in every sample at {held}";
        var text = reversalsOnly && parts.Count == 0 ? intro : $"{intro}. {string.Join("; ", parts)}";
        return (held == studies.Count ? Robustness.Robust : Robustness.Fragile, text, numbers);
    }

    /// <summary>A study's base point in a few words: its swept values, less the window's length (a setting of the experiment).</summary>
    private static string Where(Sensitivity.ContrastStudy study) =>
        study.Study.Base.Count == 0 ? "over the box" : string.Join(", ", study.Study.Base.Where(b => b.Key != "window_s").Select(b => b.Key == "ranks" ? $"{b.Value} ranks" : b.Value));
}
