using static NodeSim.Reporting.NumberText;

namespace NodeSim.Reporting.Findings;

/// <summary>
/// What a campaign's sensitivity studies say of a contrast between two stacks where a finding was measured: in how many of
/// each study's samples its sign held, how far its magnitude ranged, and which parameters drove it (Morris's μ*). A finding
/// is robust only when every study of its contrast at its settings kept the sign in every sample; studies made elsewhere are
/// reported beside it, and do not label it.
/// </summary>
internal static class Backing
{
    /// <summary>The robustness of "<paramref name="a"/> − <paramref name="b"/> has the sign of <paramref name="sign"/>" where <paramref name="covers"/> says a study applies.</summary>
    /// <param name="reversalsOnly">Describe only the covering studies in which the sign did not hold (and say when it held in all).</param>
    public static (Robustness Robustness, string Text, Dictionary<string, double> Numbers) Of(CampaignEvidence evidence, string a, string b, double sign,
        Func<(ScenarioInfo Scenario, Sensitivity.ContrastStudy Study), bool> covers, bool reversalsOnly = false)
    {
        var studies = evidence.StudiesOf(a, b).Where(s => s.Study.Contrast is not null).ToList();
        var numbers = new Dictionary<string, double>();
        if (studies.Count == 0)
            return (Robustness.NotTested, $"no sensitivity study of this campaign varies the assumed parameters under {a} against {b}", numbers);
        var (here, elsewhere) = (studies.Where(covers).ToList(), studies.Where(s => !covers(s)).ToList());
        var held = 0;
        var parts = new List<string>();
        foreach (var study in here)
        {
            var (agree, clause) = Describe(evidence, study, a, b, sign, numbers);
            if (agree >= 1) held++;
            if (!reversalsOnly || agree < 1) parts.Add(clause);
        }
        var others = elsewhere.Select(s => Describe(evidence, s, a, b, sign, numbers).Text).ToList();
        var otherText = others.Count == 0 ? "" : $" At other settings: {string.Join("; ", others)}.";
        if (here.Count == 0)
            return (Robustness.NotTested, $"no sensitivity study of {a} against {b} was made at this profile and network.{otherText}", numbers);
        var scenarios = string.Join(", ", here.Select(s => $"'{s.Scenario.Name}'").Distinct());
        var intro = $"{scenarios} moved the parameters together over their ranges at {here.Count} base point{(here.Count == 1 ? "" : "s")} of these settings, " +
                    $"and the sign of {a} − {b} held in every one of its Morris samples at {held} of {here.Count}";
        var text = (reversalsOnly && parts.Count == 0 ? intro + "." : $"{intro}. {string.Join("; ", parts)}.") + otherText;
        return (held == here.Count ? Robustness.Robust : Robustness.Fragile, text, numbers);
    }

    /// <summary>One study in a clause, and the share of its samples in which the sign held; its numbers go into <paramref name="numbers"/>.</summary>
    private static (double Agree, string Text) Describe(CampaignEvidence evidence, (ScenarioInfo Scenario, Sensitivity.ContrastStudy Study) s, string a, string b,
        double sign, Dictionary<string, double> numbers)
    {
        var (scenario, study) = s;
        var c = study.Contrast!;
        // The study's contrast is stack − reference: turn it into a − b.
        var flip = study.Stack == a ? 1 : -1;
        var (low, high) = flip > 0 ? (c.Min, c.Max) : (-c.Max, -c.Min);
        var agree = sign * flip >= 0 ? c.ShareAbove : c.ShareBelow;
        var key = $"{scenario.Name}{(study.Study.Base.Count == 0 ? "" : ":" + string.Join(",", study.Study.Base.Select(x => x.Value)))}";
        numbers[$"{key}:sign_held_share"] = agree;
        numbers[$"{key}:contrast_min"] = low;
        numbers[$"{key}:contrast_max"] = high;
        var unit = study.Measure == Engine.Sensitivity.ContrastMeasure.Difference ? " percentage points" : " (ln ratio)";
        var leading = study.Leading(2).Select(e => $"{e.Parameter.Name} (μ* {Number(e.Morris.MuStar)})").ToList();
        var reversal = agree < 1 && study.SignDrivers.Count > 0
            ? $"; it reversed when {string.Join(" or ", study.SignDrivers.Take(2).Select(d => $"{d.Parameter.Name} {(d.RaisingTurnsNegative == (sign * flip > 0) ? "rose" : "fell")} ({d.Flips} of the flips)"))}"
            : "";
        return (agree, $"{Where(evidence, s)} ({study.Study.Parameters.Count} parameters): the sign held at {Wording.Share(agree)} of {Wording.Count(c.Samples)} Morris samples " +
                       $"({study.Study.Trajectories} trajectories; a share of grid points, not a probability), " +
                       $"{Number(low)} to {Number(high)}{unit}" + (leading.Count > 0 ? $", its size led by {string.Join(" and ", leading)}" : "") + reversal);
    }

    /// <summary>A study's base point in a few words: its profile, ranks and network (the window's length is a setting of the experiment).</summary>
    private static string Where(CampaignEvidence evidence, (ScenarioInfo Scenario, Sensitivity.ContrastStudy Study) s)
    {
        string? Setting(string key) => evidence.Setting(s.Scenario, s.Study.Study.Base, key);
        return $"{Setting("profile")}, {Setting("ranks")} ranks, {Setting("interconnect")}";
    }
}
