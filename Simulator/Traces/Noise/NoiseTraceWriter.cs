using System.Globalization;

namespace NodeSim.Traces.Noise;

/// <summary>Writes noise traces: NodeSim's format (header, then <c>core,start_ns,duration_ns</c> rows), or one core's in LogGOPSim's.</summary>
public static class NoiseTraceWriter
{
    /// <summary>NodeSim's format, which <see cref="NoiseTraceReader"/> reads back exactly; header values are kept to one line each.</summary>
    public static void Write(Stream stream, NoiseTrace trace)
    {
        using var w = new StreamWriter(stream, leaveOpen: true) { NewLine = "\n" };
        var h = trace.Header;
        w.WriteLine(NoiseTraceReader.NodeSimMagic);
        void Line(string key, string? value)
        {
            if (value is not null) w.WriteLine($"# {key}: {value.ReplaceLineEndings(" ")}");
        }
        Line("machine", h.Machine);
        Line("kernel", h.Kernel);
        Line("condition", h.Condition);
        Line("duration_ns", h.DurationNs.ToString(CultureInfo.InvariantCulture));
        Line("cores", string.Join(' ', trace.Cores));
        Line("resolution_ns", h.ResolutionNs?.ToString("R", CultureInfo.InvariantCulture));
        Line("threshold_ns", h.ThresholdNs?.ToString("R", CultureInfo.InvariantCulture));
        w.WriteLine(NoiseTraceReader.CsvHeader);
        foreach (var (core, d) in trace.All)
            w.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{core},{d.StartNs},{d.DurationNs}"));
    }

    /// <summary>One core's detours as LogGOPSim reads a noise trace: <c>start\tduration</c> in ns, a line each, after a <c>#</c> comment.</summary>
    public static void WriteLogGopSim(Stream stream, IEnumerable<Detour> detours, string comment)
    {
        using var w = new StreamWriter(stream, leaveOpen: true) { NewLine = "\n" };
        w.WriteLine($"# {comment.ReplaceLineEndings(" ")}");
        foreach (var d in detours) w.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{d.StartNs}\t{d.DurationNs}"));
    }
}
