using ScottPlot;
using ScottPlot.TickGenerators;

namespace NodeSim.Reporting.Plots;

/// <summary>
/// How a value axis is scaled and ticked. ScottPlot draws no log axis of its own, so a log axis is drawn in log10 of the values
/// with ticks at the decades (and minor ticks between) labelled in the values' own terms; every tick label is in
/// <see cref="NumberText.Tick"/>'s style.
/// </summary>
public static class ValueAxis
{
    /// <summary>Values spanning more than this factor are drawn on a log axis unless the reader says otherwise: on a linear axis the small ones sit flat at zero.</summary>
    public const double LogSpan = 100;

    /// <summary>Whether to draw <paramref name="values"/> on a log axis: as told, or when their positive values span more than <see cref="LogSpan"/>× (zeros cannot be drawn on one and do not count).</summary>
    public static bool UseLog(IEnumerable<double> values, AxisScale scale)
    {
        var positive = values.Where(v => v > 0 && double.IsFinite(v)).ToList();
        if (positive.Count == 0 || scale == AxisScale.Linear) return false;
        return scale == AxisScale.Log || positive.Max() / positive.Min() > LogSpan;
    }

    /// <summary>Where a value goes on the axis: log10 of it on a log axis.</summary>
    public static double Place(double value, bool log) => log ? Math.Log10(value) : value;

    /// <summary>An axis title with "log scale" added when the axis is one: on a line of its own, so the title keeps its length.</summary>
    public static string Title(string title, bool log) => log ? title + "\nlog scale" : title;

    /// <summary>Automatic ticks labelled in the house number style.</summary>
    public static void Linear(IAxis axis) => axis.TickGenerator = new NumericAutomatic { LabelFormatter = NumberText.Tick };

    /// <summary>Ticks at each decade from below <paramref name="low"/> to above <paramref name="high"/> (values, not logs), minor ticks at 2…9 of each.</summary>
    public static (double From, double To) Decades(IAxis axis, double low, double high)
    {
        var (from, to) = ((int)Math.Floor(Math.Log10(low)), (int)Math.Ceiling(Math.Log10(high)));
        if (to == from) to++;
        var ticks = new NumericManual();
        for (var d = from; d <= to; d++)
        {
            ticks.AddMajor(d, NumberText.Tick(Math.Pow(10, d)));
            if (d < to && to - from <= 6)
                for (var m = 2; m <= 9; m++) ticks.AddMinor(d + Math.Log10(m));
        }
        axis.TickGenerator = ticks;
        return (from, to);
    }
}
