using CsvHelper;

namespace NodeSim.Traces.Edge;

/// <summary>Writes edge requests as NodeSim's tidy edge CSV: <c>id,arrival_s,service_s</c>.</summary>
public static class EdgeTraceWriter
{
    public static void Write(Stream destination, IEnumerable<EdgeRequest> requests)
    {
        using var csv = CsvWriter.Create(destination, CsvWriterOptions.Default with { NewLine = "\n" }, leaveOpen: true);
        csv.WriteRecords(requests.Select(r => new EdgeRequestRow { Id = r.Id, ArrivalS = r.ArrivalSeconds, ServiceS = r.ServiceSeconds }));
    }
}

/// <summary>One row of NodeSim's edge CSV.</summary>
[CsvRecord]
public sealed partial class EdgeRequestRow
{
    [CsvColumn("id")] public string Id { get; set; } = "";
    [CsvColumn("arrival_s")] public double ArrivalS { get; set; }
    [CsvColumn("service_s")] public double? ServiceS { get; set; }
}
