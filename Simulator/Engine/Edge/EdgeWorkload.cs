using System.Globalization;
using NodeSim.Models;
using NodeSim.Traces;
using NodeSim.Traces.Edge;
using NodeSim.Traces.Synthetic;
using NodeSim.Traces.Sources;

namespace NodeSim.Engine.Edge;

/// <summary>
/// A request stream to serve, from an edge trace or the edge generator: each request's arrival and
/// service time — the trace's own where it has them (Azure Functions durations, pods' run times),
/// the LLM cost model's for a trace of tokens (the Azure LLM traces).
/// </summary>
/// <param name="Skipped">Requests with nothing to serve: pods never scheduled.</param>
public sealed record EdgeWorkload(string Name, IReadOnlyList<ServedRequest> Requests, int Skipped)
{
    /// <summary>Arrivals per second over the stream's span.</summary>
    public double RatePerSecond => Requests.Count < 2 ? 0 : (Requests.Count - 1) / (Requests[^1].ArrivalSeconds - Requests[0].ArrivalSeconds);

    public double MeanServiceSeconds => Requests.Count == 0 ? 0 : Requests.Average(r => r.ServiceSeconds);

    /// <summary>Offered load on <paramref name="cores"/> servers: rate × mean service / cores.</summary>
    public double OfferedLoad(int cores) => RatePerSecond * MeanServiceSeconds / cores;

    /// <summary>
    /// The stream as a run serves it on <paramref name="cores"/> cores: rescaled to offered load <paramref name="load"/>, or
    /// <paramref name="rateScale"/> times as fast, or as it is — refused when its load is at or above capacity and no
    /// <paramref name="queueLimit"/> bounds the queue, since such a queue has no stationary latency.
    /// </summary>
    public EdgeWorkload ForServing(int cores, double? load, double? rateScale, int? queueLimit)
    {
        if (Requests.Count == 0) throw new UserInputException($"{Name}: no request to serve");
        var offered = OfferedLoad(cores);
        if (load is { } target)
        {
            if (!(target > 0 && target < 1)) throw new UserInputException(string.Create(CultureInfo.InvariantCulture, $"load must lie strictly between 0 and 1 (got {target}): a queue at or above capacity has no stationary latency"));
            return RateScaled(target / offered);
        }
        var served = rateScale is { } x ? RateScaled(x) : this;
        var scaled = served.OfferedLoad(cores);
        if (scaled >= 1 && queueLimit is null)
        {
            var scaling = rateScale is { } r ? string.Create(CultureInfo.InvariantCulture, $", {r:G4} times the trace's") : "";
            throw new UserInputException(string.Create(CultureInfo.InvariantCulture,
                $"{Name}: its offered load on {cores} cores is {scaled:G4} (rate {served.RatePerSecond:G4}/s{scaling} × mean service {MeanServiceSeconds:G4} s / {cores}); at or above 1 the queue grows without bound and no latency is stationary. Give a load below 1, a rate scale below {(rateScale ?? 1) / scaled:G4}, or a queue limit"));
        }
        return served;
    }

    /// <summary>The same requests arriving <paramref name="factor"/> times as fast (gaps divided by it).</summary>
    public EdgeWorkload RateScaled(double factor)
    {
        if (!(factor > 0) || !double.IsFinite(factor)) throw new UserInputException($"a rate scale must be a positive number (got {factor})");
        if (Requests.Count == 0) return this;
        var first = Requests[0].ArrivalSeconds;
        // A stream slowed down may come to span more than the clock can count (nanoseconds in 64 bits): the readers' limit holds here too.
        var last = first + (Requests[^1].ArrivalSeconds - first) / factor;
        if (!(last <= TraceFile.MaxSeconds))
            throw new UserInputException(string.Create(CultureInfo.InvariantCulture,
                $"{Name}: rescaled {factor:G4} times as fast, its requests would arrive over {last - first:G4} s, beyond the {TraceFile.MaxSeconds:N0} s a stream may span (the simulator's clock); give a larger load or rate scale"));
        return this with { Requests = [.. Requests.Select(r => r with { ArrivalSeconds = first + (r.ArrivalSeconds - first) / factor })] };
    }

    /// <summary>
    /// The stream of <paramref name="source"/>: a generator's, drawn with <paramref name="seed"/> unless its spec fixes one, or an
    /// edge trace file's, its service times from the trace or, for tokens, from <paramref name="llm"/>.
    /// </summary>
    /// <exception cref="UserInputException">Not an edge source, or a request with neither a service time nor tokens.</exception>
    public static EdgeWorkload Load(WorkloadSource source, string spec, ulong seed, LlmServiceModel llm)
    {
        switch (source)
        {
            case WorkloadSource.Edge edge:
                var parameters = WorkloadSource.HasParameter(spec, "seed") ? edge.Parameters : edge.Parameters with { Seed = seed };
                return new EdgeWorkload(spec, [.. EdgeWorkloadModel.Generate(parameters).Select(r => new ServedRequest(r.ArrivalSeconds, r.ServiceSeconds!.Value))], 0);
            case WorkloadSource.File file when source.IsEdge:
                var trace = CsvTraceReader.Read(file.Path);
                var requests = new List<ServedRequest>(trace.Requests.Count);
                var skipped = 0;
                foreach (var r in trace.Requests)
                {
                    if (r.NeverScheduled)
                    {
                        skipped++;
                        continue;
                    }
                    var service = r.ServiceSeconds ?? (r.ContextTokens is { } c && r.GeneratedTokens is { } g ? llm.ServiceSeconds(c, g) : (double?)null)
                        ?? throw new UserInputException($"{file.Path}: request {r.Id} has no service time and no token counts for the LLM cost model; " +
                                                        "edge serving needs one or the other");
                    requests.Add(new ServedRequest(r.ArrivalSeconds, service));
                }
                // Served first come, first served: in arrival order (a stable sort keeps the file's order among equal times).
                return new EdgeWorkload(Path.GetFileName(file.Path), [.. requests.OrderBy(r => r.ArrivalSeconds)], skipped);
            default:
                throw new UserInputException($"'{spec}' is not an edge trace: give an edge CSV (Azure LLM or Functions, Alibaba pods, NodeSim's own) or synthetic:edge?...");
        }
    }
}
