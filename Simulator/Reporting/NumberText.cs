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

    /// <summary>A share as a percentage: whole percent, one decimal near 0 and 100 % (so 99.6 % does not read 100 %).</summary>
    public static string Percent(double share) => (share * 100).ToString(share is > 0 and < 0.01 or > 0.99 and < 1 ? "F1" : "F0", CultureInfo.InvariantCulture) + " %";
}
