using NodeSim.Traces.Noise;
using ScottPlot;

namespace NodeSim.Reporting.Plots;

/// <summary>The figures of a noise trace (<c>nodesim noise show --plot</c>): its detours' lengths as a CCDF on log axes, and its detours over time.</summary>
public static class NoisePlots
{
    /// <summary>P(detour longer than x) against x, both on log axes, per core (at most eight, then all cores pooled): a heavy tail is a straight line.</summary>
    public static Figure Ccdf(NoiseTrace trace, string title)
    {
        var figure = new Figure($"{title}: detour lengths", ValueAxis.Title("detour length (µs)", true), ValueAxis.Title("share of detours longer", true));
        var groups = trace.ByCore.Count <= 8
            ? trace.Cores.Select(c => ($"core {c}", trace.ByCore[c].Select(d => d.DurationNs / 1e3).ToArray())).ToList()
            : [("all cores", trace.All.Select(x => x.Detour.DurationNs / 1e3).ToArray())];
        var (low, high) = (double.MaxValue, double.MinValue);
        foreach (var ((label, values), i) in groups.Select((g, i) => (g, i)))
        {
            if (values.Length == 0) continue;
            Array.Sort(values);
            // At most 800 steps, taken at the quantiles: the curve keeps its shape and the SVG stays small.
            var steps = Math.Min(values.Length, 800);
            var xs = new double[steps];
            var ys = new double[steps];
            for (var k = 0; k < steps; k++)
            {
                var at = (int)((long)k * values.Length / steps);
                xs[k] = Math.Log10(Math.Max(values[at], 1e-3));
                ys[k] = Math.Log10((values.Length - at) / (double)values.Length);
            }
            (low, high) = (Math.Min(low, xs[0]), Math.Max(high, xs[^1]));
            figure.Line(xs, ys, Palette.Series(i) with { Marker = MarkerShape.None }, label, steps: true);
        }
        ValueAxis.Decades(figure.Plot.Axes.Bottom, Math.Pow(10, low), Math.Pow(10, high));
        ValueAxis.Decades(figure.Plot.Axes.Left, 1.0 / Math.Max(1, trace.Detours), 1);
        return figure;
    }

    /// <summary>Each detour at its start (s) and length (µs, log scale), per core (at most eight cores drawn).</summary>
    public static Figure Timeline(NoiseTrace trace, string title)
    {
        var figure = new Figure($"{title}: detours over time", "time (s)", ValueAxis.Title("detour length (µs)", true));
        var high = 0.0;
        foreach (var (core, i) in trace.Cores.Take(8).Select((c, i) => (c, i)))
        {
            var detours = trace.ByCore[core];
            if (detours.Length == 0) continue;
            var look = Palette.Series(i);
            var marks = figure.Plot.Add.ScatterPoints(detours.Select(d => d.StartNs / 1e9).ToArray(), detours.Select(d => Math.Log10(d.DurationNs / 1e3)).ToArray(),
                look.Colour);
            marks.MarkerSize = 3;
            marks.MarkerShape = look.Marker;
            figure.Legend.Add(LegendEntry.Point($"core {core}", look.Colour, look.Marker));
            high = Math.Max(high, detours.Max(d => Math.Log10(d.DurationNs / 1e3)));
        }
        ValueAxis.Decades(figure.Plot.Axes.Left, 0.1, Math.Pow(10, high));
        return figure;
    }
}
