using System.Globalization;
using NodeSim.Cli.Conventions;
using NodeSim.Traces.Noise;
using Spectre.Console;

namespace NodeSim.Cli.Commands;

/// <summary>A noise trace's summary as <c>noise probe</c> and <c>noise show</c> print it: a short table, or JSON.</summary>
public static class NoiseSummaryOutput
{
    public static object Json(NoiseSummary s) => new
    {
        cores = s.Cores, seconds = s.Seconds, detours = s.Detours, detours_per_second_per_core = s.DetoursPerSecond, noise_fraction = s.NoiseFraction,
        mean_ns = s.MeanNs, max_ns = s.MaxNs,
        duration_quantiles_ns = s.DurationQuantilesNs.ToDictionary(q => "p" + (q.Quantile * 100).ToString("0.#", CultureInfo.InvariantCulture), q => q.Ns),
        periodic = s.Periodic.Select(p => new { frequency_hz = p.FrequencyHz, median_duration_ns = p.MedianDurationNs, detours = p.Detours.Count, cores = p.Cores, coverage = p.DetoursPerTick }),
    };

    public static void Print(string title, NoiseSummary s)
    {
        var t = new Table().Title(Terminal.Cell(title)).AddColumn("quantity").AddColumn(new TableColumn("value").RightAligned());
        t.AddRow("detours", $"{s.Detours:N0} on {s.Cores} cores over {s.Seconds:G4} s");
        t.AddRow("detours per second per core", $"{s.DetoursPerSecond:N1}");
        t.AddRow("noise (share of the cores' time)", $"{s.NoiseFraction * 100:G3} %");
        t.AddRow("duration: mean", Ns(s.MeanNs));
        foreach (var (q, ns) in s.DurationQuantilesNs) t.AddRow($"duration: p{(q * 100).ToString("0.#", CultureInfo.InvariantCulture)}", Ns(ns));
        t.AddRow("duration: max", Ns(s.MaxNs));
        foreach (var p in s.Periodic)
            t.AddRow("periodic", $"{p.FrequencyHz:G5} Hz, median {Ns(p.MedianDurationNs)}, on {p.Cores} core(s), {p.DetoursPerTick:F2} detours per tick per core");
        if (s.Periodic.Count == 0) t.AddRow("periodic", "none found");
        Terminal.Out.Write(t);
    }

    /// <summary>A duration in the unit that reads best.</summary>
    public static string Ns(double ns) => ns switch
    {
        >= 1e9 => $"{ns / 1e9:G3} s",
        >= 1e6 => $"{ns / 1e6:G3} ms",
        >= 1e3 => $"{ns / 1e3:G3} µs",
        _ => $"{ns:G3} ns",
    };
}
