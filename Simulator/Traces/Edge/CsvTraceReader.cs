using NodeSim.Models;
using System.Globalization;
using CsvHelper;

namespace NodeSim.Traces.Edge;

/// <summary>
/// Reads the CSV edge traces (CsvHelper does the tokenizing, quoting and line endings; this class
/// checks the header and turns each field into a typed value with errors that name the file,
/// line, column, the offending text and what was expected).
/// </summary>
public static class CsvTraceReader
{
    /// <summary>The formats this reader knows, by exact header.</summary>
    public static readonly IReadOnlyDictionary<string, string[]> Formats = new Dictionary<string, string[]>
    {
        ["azure-llm"] = ["TIMESTAMP", "ContextTokens", "GeneratedTokens"],
        ["azure-functions"] = ["app", "func", "end_timestamp", "duration"],
        ["alibaba-pods"] = ["name", "cpu_milli", "memory_mib", "num_gpu", "gpu_milli", "gpu_spec", "qos", "pod_phase", "creation_time", "deletion_time", "scheduled_time"],
        ["nodesim-edge"] = ["id", "arrival_s", "service_s"],
    };

    /// <summary>Reads <paramref name="path"/>, recognising the format by its header; requests come sorted by arrival (stably).</summary>
    public static EdgeTrace Read(string path)
    {
        using var stream = TraceFile.Open(path);
        using var csv = CsvReader.Create(stream, CsvReaderOptions.Default with
        {
            TrackLineNumbers = true,
            FieldCountMismatch = CsvFieldCountHandling.Allow,
            HasHeader = true,
        }, leaveOpen: false);
        var row = new Row(csv, path);
        string format;
        var requests = new List<EdgeRequest>();
        long line = 1;   // the last line read whole: what a corrupt compressed file is reported after
        try
        {
            if (!csv.Read())
                throw new UserInputException($"{path}: no requests (the file is empty or has only a header); expected a CSV trace with one of the headers: {KnownHeaders()}");
            var header = csv.Headers.ToArray();
            format = Formats.FirstOrDefault(f => f.Value.SequenceEqual(header)).Key
                ?? throw new UserInputException($"{path}:1: unknown header '{string.Join(',', header)}'; expected one of: {KnownHeaders()}");
            var reader = Readers[format];
            do
            {
                line = csv.LineNumber;
                row.Check(header.Length);
                requests.Add(reader(row));
            } while (csv.Read());
        }
        catch (InvalidDataException e)
        {
            throw TraceFile.Corrupt(path, line + 1, e);
        }
        // Stable sort: requests arriving at the same time keep their file order.
        var sorted = requests.Select((r, i) => (r, i)).OrderBy(x => x.r.ArrivalSeconds).ThenBy(x => x.i).Select(x => x.r).ToList();
        return new EdgeTrace(format, sorted);
    }

    private static string KnownHeaders() => string.Join("; ", Formats.Select(f => $"{f.Key}: {string.Join(',', f.Value)}"));

    private static readonly Dictionary<string, Func<Row, EdgeRequest>> Readers = new()
    {
        ["azure-llm"] = ReadLlm,
        ["azure-functions"] = ReadFunction,
        ["alibaba-pods"] = ReadPod,
        ["nodesim-edge"] = ReadOwn,
    };

    // Azure LLM inference 2023: arrival timestamps; seconds are counted from the first request.
    private static EdgeRequest ReadLlm(Row row)
    {
        var stamp = row.Timestamp(0, "yyyy-MM-dd HH:mm:ss.fffffff");
        row.Origin ??= stamp;
        return new EdgeRequest($"r{row.Index}", (stamp - row.Origin.Value).TotalSeconds, null)
        {
            ContextTokens = row.Int(1, min: 0),
            GeneratedTokens = row.Int(2, min: 0),
        };
    }

    // Azure Functions 2021: the trace records when an invocation ended and how long it ran.
    private static EdgeRequest ReadFunction(Row row)
    {
        var end = row.Double(2, min: 0);
        var duration = row.Double(3, min: 0);
        if (duration > end) throw row.Error(3, $"is longer than end_timestamp ({end.ToString(CultureInfo.InvariantCulture)}): the invocation would start before the trace; expected duration ≤ end_timestamp");
        return new EdgeRequest($"f{row.Index}", end - duration, duration) { App = row.Text(0), Function = row.Text(1) };
    }

    // Alibaba GPU 2023 pods: seconds from the trace start; an empty scheduled_time means the pod never ran.
    private static EdgeRequest ReadPod(Row row)
    {
        var created = row.Double(8, min: 0);
        var deleted = row.OptionalDouble(9, min: 0);
        var scheduled = row.OptionalDouble(10, min: 0);
        double? service = scheduled is { } s && deleted is { } d ? d - s : null;
        if (service < 0) throw row.Error(9, "ends before the pod was scheduled; expected deletion_time ≥ scheduled_time");
        return new EdgeRequest(row.Text(0), created, service)
        {
            CpuMilli = row.Double(1, min: 0),
            MemoryMib = row.Double(2, min: 0),
            Gpus = row.Int(3, min: 0),
            GpuMilli = row.Double(4, min: 0),
            Qos = row.Text(6),
            Phase = row.Text(7),
            NeverScheduled = scheduled is null,
        };
    }

    // NodeSim's own edge CSV, as `nodesim trace generate` writes it.
    private static EdgeRequest ReadOwn(Row row) =>
        new(row.Text(0), row.Double(1, min: 0), row.OptionalDouble(2, min: 0));

    /// <summary>Typed access to the fields of the current record, with located errors.</summary>
    private sealed class Row(CsvReader csv, string path)
    {
        private int _index = -1;

        /// <summary>0-based record number (header excluded).</summary>
        public int Index => _index;

        /// <summary>The first timestamp of a trace with absolute times; arrivals count from it.</summary>
        public DateTime? Origin { get; set; }

        public void Check(int columns)
        {
            _index++;
            if (csv.FieldCount != columns)
                throw new UserInputException($"{path}:{csv.LineNumber}: expected {columns} comma-separated fields, found {csv.FieldCount}");
        }

        public string Text(int i) => csv.GetString(i);

        public double Double(int i, double min) =>
            OptionalDouble(i, min) ?? throw Error(i, "is empty; expected a number");

        public double? OptionalDouble(int i, double min)
        {
            var text = csv.GetString(i);
            if (text.Length == 0) return null;
            if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) || !double.IsFinite(v))
                throw Error(i, "is not a number; expected a number");
            if (v < min) throw Error(i, $"is below {min}; expected a number ≥ {min}");
            if (v > TraceFile.MaxSeconds) throw Error(i, $"is beyond what the simulator's clock can replay; expected at most {TraceFile.MaxSeconds:N0}");
            return v;
        }

        public int Int(int i, int min)
        {
            var text = csv.GetString(i);
            if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v))
                throw Error(i, "is not a whole number; expected a whole number");
            if (v < min) throw Error(i, $"is below {min}; expected a whole number ≥ {min}");
            return v;
        }

        public DateTime Timestamp(int i, string format)
        {
            var text = csv.GetString(i);
            return DateTime.TryParseExact(text, format, CultureInfo.InvariantCulture, DateTimeStyles.None, out var t)
                ? t
                : throw Error(i, $"is not a timestamp; expected {format}");
        }

        public UserInputException Error(int i, string problem) =>
            new($"{path}:{csv.LineNumber}: column {i + 1} ({Printable.Of(csv.Headers[i])}): '{Printable.Of(csv.GetString(i))}' {problem}");
    }
}
