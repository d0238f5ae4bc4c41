using System.Globalization;
using System.Text;
using NodeSim.Engine.Sensitivity;
using static NodeSim.Reporting.NumberText;

namespace NodeSim.Reporting.Sensitivity;

/// <summary>A sensitivity scenario's part of <c>summary.md</c>: per contrast and base point, the contrast's distribution and each parameter's effect.</summary>
public static class SensitivityMarkdown
{
    /// <param name="metricUnit">The headline's unit (% gives differences in percentage points).</param>
    public static string Render(ScenarioInfo scenario, IReadOnlyList<ContrastStudy> studies, string headlineName, string metricUnit)
    {
        var md = new StringBuilder();
        if (studies.Count == 0) return md.ToString();
        var plan = scenario.Sensitivity!;
        var unit = ContrastUnit(plan.Contrast, metricUnit);
        var samples = plan.Studies.Sum(s => s.Samples);
        md.Append(
            $"A global sensitivity study: {plan.Studies.Count} base point{(plan.Studies.Count == 1 ? "" : "s")}, {samples.ToString("N0", CultureInfo.InvariantCulture)} samples × {scenario.Stacks.Count} stacks × {scenario.Replications} replication{(scenario.Replications == 1 ? "" : "s")}, " +
            $"every sample on the same random numbers (common random numbers: a parameter that reaches neither stack moves the contrast by exactly 0; " +
            "with few trajectories a 0 may also mean that what the parameter acts on never happened at the samples drawn). " +
            $"The contrast is {(plan.Contrast == ContrastMeasure.Difference ? $"each stack's {headlineName} minus {scenario.CompareTo}'s, paired by replica" : $"ln(each stack's {headlineName} / {scenario.CompareTo}'s)")}, in {unit}. " +
            $"Morris's μ* is the mean absolute change of the contrast when a parameter moves across its whole range (an elementary effect over {Jumps(plan)} of it, scaled to the range; ± the 95 % bootstrap half-width), " +
            "μ its signed mean (the direction), σ their spread (non-linearity or interaction with other parameters; Campolongo, Cariboni and Saltelli 2007). " +
            "Positive ranges spanning more than 10× are sampled log-uniformly. A positive contrast means the stack loses more than " + scenario.CompareTo + ". " +
            "The shares of samples with each sign are shares of Morris's grid points, not probabilities." +
            (plan.Studies.Any(s => s.SobolParameters.Count > 0)
                ? " S and S_T are Sobol's first-order and total indices (Saltelli 2010, Jansen 1999) ± 95 % bootstrap half-widths, estimated on Saltelli's samples, in which only the Sobol parameters move (the others at their defaults)."
                : "") + "\n\n");
        foreach (var study in studies)
        {
            md.Append(CultureInfo.InvariantCulture, $"### {study.Stack} against {study.Reference}{study.At}\n\n");
            if (study.Contrast is not { } c)
            {
                md.Append(study.Undefined > 0
                    ? $"No sample has a contrast: {study.Reference}'s {headlineName} is 0, so the log of the ratio is undefined; use contrast: difference.\n\n"
                    : "No sample has a contrast: a run of either stack failed at every sample.\n\n");
                continue;
            }
            md.Append(
                $"Over {study.Over}: the contrast runs from {Number(c.Min)} to {Number(c.Max)} {unit} (median {Number(c.Median)}; 5–95 %: {Number(c.P05)} to {Number(c.P95)}); " +
                $"above 0 in {Percent(c.ShareAbove)} of samples, below 0 in {Percent(c.ShareBelow)}.");
            if (study.StackHeadline is { } s && study.ReferenceHeadline is { } r)
                md.Append(CultureInfo.InvariantCulture, $" {study.Stack}'s {headlineName}: {Number(s.Min)} to {Number(s.Max)} {metricUnit}; {study.Reference}'s: {Number(r.Min)} to {Number(r.Max)} {metricUnit}.");
            if (study.SignDrivers.Count > 0)
                md.Append(CultureInfo.InvariantCulture, $" The sign flipped, within a trajectory, when {string.Join(", or ", study.SignDrivers.Take(3).Select(d => $"{d.Parameter.Name} moved ({d.Flips}×; {(d.RaisingTurnsNegative ? "raising it" : "lowering it")} turned the contrast negative)"))}.");
            if (study.Failed > 0) md.Append(CultureInfo.InvariantCulture, $" {study.Failed} samples have no contrast (a failed run); the effects they take part in are left out.");
            if (study.Undefined > 0) md.Append(CultureInfo.InvariantCulture, $" {study.Undefined} samples have no log-ratio ({study.Reference}'s {headlineName} is 0 there); the effects they take part in are left out.");
            if (study.Study.SobolParameters.Count > 0 && study.Study.SobolSamples < SmallSobol)
                md.Append(CultureInfo.InvariantCulture, $" Saltelli's N = {study.Study.SobolSamples} is small: the indices are rough (S may exceed S_T, or 1); read their intervals.");
            md.Append("\n\n");
            var sobol = study.Effects.Any(e => e.Sobol is not null);
            md.Append(CultureInfo.InvariantCulture, $"| parameter | range | μ* ({unit}) | μ ({unit}) | σ ({unit}) |{(sobol ? " S | S_T |" : "")}\n|---|---|---:|---:|---:|{(sobol ? "---:|---:|" : "")}\n");
            foreach (var e in study.Effects)
            {
                var p = e.Parameter;
                var m = e.Morris;
                md.Append(CultureInfo.InvariantCulture,
                    $"| {p.Name}{(p.Assumed ? "" : " (cited)")} | {Range(p)} | {Number(m.MuStar)} ± {Number(m.MuStarHalfWidth)} | {Number(m.Mu)} | {Number(m.Sigma)} |");
                if (sobol) md.Append(e.Sobol is { } x ? $" {Number(x.First)} ± {Number(x.FirstHalfWidth)} | {Number(x.Total)} ± {Number(x.TotalHalfWidth)} |" : " — | — |");
                md.Append('\n');
            }
            md.Append('\n');
        }
        return md.ToString();
    }

    /// <summary>Below this N, Sobol estimates from Saltelli's samples are rough (Ishigami's need N ≈ 8,192 of plain Monte Carlo for ±0.05).</summary>
    private const int SmallSobol = 64;

    /// <summary>"Δ = 2/3": the jump of each study's grid, p / (2(p − 1)) of the range.</summary>
    private static string Jumps(SensitivityPlan plan) =>
        string.Join(" or ", plan.Studies.Select(s => s.Levels).Distinct().Select(p => p == 2 ? "Δ = 1" : $"Δ = {p / 2}/{p - 1}"));

    /// <summary>The unit of a contrast of a metric in <paramref name="metricUnit"/>: percentage points for a difference of percentages.</summary>
    public static string ContrastUnit(ContrastMeasure measure, string metricUnit) => measure switch
    {
        ContrastMeasure.LogRatio => "ln(ratio)",
        _ => metricUnit == "%" ? "percentage points" : metricUnit,
    };

    /// <summary>A parameter's range as a table shows it: low–high unit, and "log" when sampled log-uniformly.</summary>
    public static string Range(SensitivityParameter p)
    {
        var (scale, unit) = Scaled(Math.Max(Math.Abs(p.Low), Math.Abs(p.High)), p.Unit);
        return $"{Number(p.Low * scale)}–{Number(p.High * scale)}{(unit is "" or "1" ? "" : " " + unit)}{(p.LogScale ? ", log" : "")}";
    }

    /// <summary>A factor and unit that show values up to <paramref name="largest"/> in <paramref name="unit"/> without long runs of zeros: seconds as ms, µs or ns.</summary>
    private static (double Scale, string Unit) Scaled(double largest, string unit) => unit switch
    {
        "s" when largest < 1e-6 => (1e9, "ns"),
        "s" when largest < 1e-3 => (1e6, "µs"),
        "s" when largest < 1 => (1e3, "ms"),
        "s/B" => (1e9, "ns/B"),
        _ => (1, unit),
    };
}
