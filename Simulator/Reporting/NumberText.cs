using System.Globalization;

namespace NodeSim.Reporting;

/// <summary>How NodeSim's reports write a number in text: tables, findings and sensitivity studies alike.</summary>
public static class NumberText
{
    /// <summary>Three significant figures in plain decimal notation (thousands grouped), never an exponent.</summary>
    public static string Number(double x)
    {
        if (!double.IsFinite(x)) return x.ToString(CultureInfo.InvariantCulture);
        var a = Math.Abs(x);
        if (a >= 1000) return x.ToString("N0", CultureInfo.InvariantCulture);
        var decimals = a == 0 ? 0 : Math.Clamp(2 - (int)Math.Floor(Math.Log10(a)), 0, 9);
        return x.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// A tick label: plain decimal with thousands grouped and no trailing zeros ("1,024", "0.25", "0.001"), negative numbers with
    /// a true minus sign ("−5", as typeset, not a hyphen), the one style of every axis; an exponent only outside 10⁻⁶ … 10¹², where
    /// plain digits stop being readable.
    /// </summary>
    public static string Tick(double x)
    {
        if (!double.IsFinite(x)) return x.ToString(CultureInfo.InvariantCulture);
        var a = Math.Abs(x);
        var text = a != 0 && (a < 1e-6 || a >= 1e12) ? x.ToString("0.##E+0", CultureInfo.InvariantCulture)
            : Math.Round(x, 9).ToString("#,##0.#########", CultureInfo.InvariantCulture);
        return text.StartsWith('-') ? "−" + text[1..] : text;
    }

    /// <summary>A label that is a number (a swept value written as text) in the tick style; any other text as it is.</summary>
    public static string TickLabel(string text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var x) && text.Any(char.IsDigit) ? Tick(x) : text;

    /// <summary>
    /// The unit a set of durations reads best in, with the factor from seconds: seconds when the typical one is at least a
    /// second, else milliseconds when it is at least one, else microseconds (so "294 s", not "294,220,000 µs").
    /// </summary>
    public static (string Unit, double PerSecond) TimeUnit(double typicalSeconds) =>
        typicalSeconds >= 1 || typicalSeconds == 0 || !double.IsFinite(typicalSeconds) ? ("s", 1) : typicalSeconds >= 1e-3 ? ("ms", 1e3) : ("µs", 1e6);

    /// <summary>A share as a percentage: whole percent, one decimal near 0 and 100 % (so 99.6 % does not read 100 %).</summary>
    public static string Percent(double share) => (share * 100).ToString(share is > 0 and < 0.01 or > 0.99 and < 1 ? "F1" : "F0", CultureInfo.InvariantCulture) + " %";
}
