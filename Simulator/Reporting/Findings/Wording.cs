using System.Globalization;
using MathNet.Numerics.Distributions;
using static NodeSim.Reporting.NumberText;

namespace NodeSim.Reporting.Findings;

/// <summary>How findings write their numbers: a value with its 95 % interval, a paired difference, a share.</summary>
internal static class Wording
{
    /// <summary>"30.5 % (95 % CI 30.1–30.9)", or "30.5 %" without an interval.</summary>
    public static string Value(MeanEstimate e, string unit) =>
        double.IsNaN(e.Low) || Number(e.Low) == Number(e.High) ? $"{Number(e.Mean)}{Unit(unit)}" : $"{Number(e.Mean)}{Unit(unit)} (95 % CI {Number(e.Low)} to {Number(e.High)})";

    /// <summary>A difference of two results in <paramref name="unit"/>: percentage points for percentages.</summary>
    public static string Difference(MeanEstimate d, string unit)
    {
        var u = unit == "%" ? " percentage points" : Unit(unit);
        var sign = d.Mean > 0 ? "+" : "";
        return double.IsNaN(d.Low) ? $"{sign}{Number(d.Mean)}{u}" : $"{sign}{Number(d.Mean)}{u} (95 % CI {Number(d.Low)} to {Number(d.High)})";
    }

    /// <summary>
    /// <paramref name="a"/> − <paramref name="b"/> of two independent estimates with a Student-t interval from their standard
    /// errors, on the fewer replicas' degrees of freedom (conservative against Welch's): wider than the paired one when the runs
    /// share random numbers (then their errors are correlated positively).
    /// </summary>
    public static MeanEstimate Unpaired(MeanEstimate a, MeanEstimate b)
    {
        var mean = a.Mean - b.Mean;
        if (a.N < 2 || b.N < 2) return new MeanEstimate(Math.Min(a.N, b.N), mean, double.NaN, double.NaN, double.NaN);
        var se = Math.Sqrt(a.StandardError * a.StandardError + b.StandardError * b.StandardError);
        var half = StudentT.InvCDF(0, 1, Math.Min(a.N, b.N) - 1, 0.975) * se;
        return new MeanEstimate(Math.Min(a.N, b.N), mean, double.NaN, mean - half, mean + half);
    }

    /// <summary>A unit as the suffix of a number's name in findings.json: pct for %.</summary>
    public static string UnitKey(string unit) => unit == "%" ? "pct" : unit.Replace('/', '_');

    /// <summary>The estimate of the opposite difference (b − a from a − b).</summary>
    public static MeanEstimate Negate(MeanEstimate e) => new(e.N, -e.Mean, e.StdDev, -e.High, -e.Low);

    public static string Unit(string unit) => unit switch { "%" => " %", "" or "1" => "", "×" => "×", _ => " " + unit };

    public static string Share(double share) => Percent(share);

    public static string Count(int n) => n.ToString("N0", CultureInfo.InvariantCulture);
}
