using NodeSim.Engine;

namespace NodeSim.Cli.Commands;

/// <summary>Metrics as a JSON object, each under the name its kind declares it by, nested in its group (<c>ledger</c>, <c>counters</c>) when it has one.</summary>
public static class MetricJson
{
    public static Dictionary<string, object> Of(IReadOnlyList<MetricInfo> infos, IEnumerable<double> values)
    {
        var json = new Dictionary<string, object>();
        foreach (var (info, value) in infos.Zip(values))
        {
            if (info.Group is null) json[info.Name] = value;
            else ((Dictionary<string, double>)(json.TryGetValue(info.Group, out var g) ? g : json[info.Group] = new Dictionary<string, double>()))[info.Name] = value;
        }
        return json;
    }
}
