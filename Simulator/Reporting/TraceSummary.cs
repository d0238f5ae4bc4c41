using NodeSim.Engine;
using NodeSim.Traces.Edge;
using NodeSim.Traces.Swf;

namespace NodeSim.Reporting;

/// <summary>Percentiles of one quantity of a trace.</summary>
public sealed record Percentiles(double Min, double P10, double P50, double P90, double P99, double Max, double Mean)
{
    public static Percentiles Of(IEnumerable<double> values)
    {
        var sorted = values.ToArray();
        if (sorted.Length == 0) return new Percentiles(double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN);
        Array.Sort(sorted);
        return new Percentiles(sorted[0], Distribution.Quantile(sorted, 0.1), Distribution.Quantile(sorted, 0.5),
            Distribution.Quantile(sorted, 0.9), Distribution.Quantile(sorted, 0.99), sorted[^1], sorted.Average());
    }
}

/// <summary>What <c>nodesim trace info</c> reports about an SWF trace.</summary>
/// <param name="OfferedLoad">Σ run · processors / (span · MaxProcs) over the whole trace.</param>
/// <param name="PeakDailyOfferedLoad">The largest offered load of one day: Σ run · processors of the jobs submitted that day / (86,400 s · MaxProcs).</param>
public sealed record SwfSummary(string Path, IReadOnlyList<KeyValuePair<string, string>> Header, long Jobs, long SkippedLines,
    double SpanS, Percentiles SizeProcessors, Percentiles RunTimeS, Percentiles InterArrivalS, long UnknownRunTimes,
    double? OfferedLoad, double? PeakDailyOfferedLoad)
{
    /// <summary>Streams the trace once; keeps only the few numbers per job the percentiles need.</summary>
    public static SwfSummary Of(string path, bool lenient)
    {
        using var reader = SwfReader.Open(path, lenient);
        var sizes = new List<double>();
        var runs = new List<double>();
        var gaps = new List<double>();
        var workByDay = new Dictionary<long, double>();
        double? first = null, previous = null, last = null;
        long jobs = 0, unknownRuns = 0;
        double work = 0;
        foreach (var j in reader.Jobs())
        {
            jobs++;
            first ??= j.SubmitTime;
            last = Math.Max(last ?? j.SubmitTime, j.SubmitTime);
            if (previous is { } p) gaps.Add(Math.Max(0, j.SubmitTime - p));
            previous = j.SubmitTime;
            if (j.Processors is { } n) sizes.Add(n);
            if (j.RunTime is { } r) runs.Add(r);
            else unknownRuns++;
            if (j.RunTime is { } run && j.Processors is { } procs)
            {
                work += run * procs;
                var day = (long)Math.Floor((j.SubmitTime - first.Value) / 86_400);
                workByDay[day] = workByDay.GetValueOrDefault(day) + run * procs;
            }
        }
        if (jobs == 0)
            throw new UserInputException(reader.LinesRead == 0 ? $"{path}: no jobs (the file is empty)"
                : $"{path}: no jobs (the file has {reader.LinesRead} header or comment lines and no job lines)");
        var span = (last ?? 0) - (first ?? 0);
        double? capacity = reader.Header.MaxProcs;
        return new SwfSummary(path, reader.Header.Labels, jobs, reader.SkippedLines, span,
            Percentiles.Of(sizes), Percentiles.Of(runs), Percentiles.Of(gaps), unknownRuns,
            capacity is > 0 && span > 0 ? work / (span * capacity.Value) : null,
            capacity is > 0 && workByDay.Count > 0 ? workByDay.Values.Max() / (86_400 * capacity.Value) : null);
    }
}

/// <summary>What <c>nodesim trace info</c> reports about an edge trace.</summary>
/// <param name="PeakRatePerS">The most requests in one minute, per second.</param>
/// <param name="ServiceS">Service times the trace gives, or for a trace of tokens the LLM cost model's (see <see cref="ServiceFromTokens"/>).</param>
public sealed record EdgeSummary(string Path, string Format, long Requests, double SpanS, double MeanRatePerS, double PeakRatePerS,
    Percentiles InterArrivalS, Percentiles? ServiceS, long NeverScheduled, Percentiles? ContextTokens = null, Percentiles? GeneratedTokens = null,
    bool ServiceFromTokens = false)
{
    public static EdgeSummary Of(string path, EdgeTrace trace)
    {
        var r = trace.Requests;
        var span = r.Count > 1 ? r[^1].ArrivalSeconds - r[0].ArrivalSeconds : 0;
        var perMinute = r.GroupBy(x => (long)Math.Floor((x.ArrivalSeconds - r[0].ArrivalSeconds) / 60)).Max(g => g.Count());
        var services = r.Where(x => x.ServiceSeconds is not null).Select(x => x.ServiceSeconds!.Value).ToList();
        var context = r.Where(x => x.ContextTokens is not null).Select(x => (double)x.ContextTokens!.Value).ToList();
        var generated = r.Where(x => x.GeneratedTokens is not null).Select(x => (double)x.GeneratedTokens!.Value).ToList();
        // A trace of tokens is served at the LLM cost model's times: show those.
        var llm = new LlmServiceModel();
        var fromTokens = services.Count == 0 && context.Count > 0 && generated.Count > 0;
        if (fromTokens)
            services = [.. r.Where(x => x.ContextTokens is not null && x.GeneratedTokens is not null).Select(x => llm.ServiceSeconds(x.ContextTokens!.Value, x.GeneratedTokens!.Value))];
        return new EdgeSummary(path, trace.Format, r.Count, span, span > 0 ? r.Count / span : double.NaN, perMinute / 60.0,
            Percentiles.Of(r.Zip(r.Skip(1), (a, b) => b.ArrivalSeconds - a.ArrivalSeconds)),
            services.Count > 0 ? Percentiles.Of(services) : null, r.Count(x => x.NeverScheduled),
            context.Count > 0 ? Percentiles.Of(context) : null, generated.Count > 0 ? Percentiles.Of(generated) : null, fromTokens);
    }
}
