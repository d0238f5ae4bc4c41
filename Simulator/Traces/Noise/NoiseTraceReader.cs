using System.Globalization;
using CsvHelper;
using NodeSim.Files;
using NodeSim.Models;

namespace NodeSim.Traces.Noise;

/// <summary>
/// Reads a noise trace, plain or gzip-compressed, in any of three formats, recognised by content:
/// <list type="bullet">
/// <item><c>nodesim</c> — what <c>nodesim noise probe</c> writes: a first line <c># nodesim-noise 1</c>, header lines
/// <c># key: value</c> (machine, kernel, condition, duration_ns, cores, resolution_ns, threshold_ns), then the CSV below;</item>
/// <item><c>csv</c> — a header <c>core,start_ns,duration_ns</c>, then one detour per row;</item>
/// <item><c>loggopsim</c> — one core's detours, <c>&lt;start&gt;\t&lt;duration&gt;</c> in ns per line, <c>#</c> lines ignored: the format
/// LogGOPSim's noise injection reads (spcl/LogGOPSim, <c>src/LogGOPSim/Noise.hpp</c>); it is core 0.</item>
/// </list>
/// Each core's detours must come in time order without overlapping, as a probe sees them; a row that breaks that, a negative or
/// empty detour, or a field that is not a number is refused with its file, line and field. Limits are checked as it reads.
/// </summary>
public static class NoiseTraceReader
{
    public const string CsvHeader = "core,start_ns,duration_ns";
    public const string NodeSimMagic = "# nodesim-noise 1";

    /// <summary>The largest file read (compressed size for a .gz), and the most detours: far beyond an hour of a busy core.</summary>
    public const long MaxBytes = 1L << 30, MaxDetours = 20_000_000;

    /// <summary>The most cores a trace may name (a core number is below it).</summary>
    public const int MaxCores = 4096;

    private const string Expected = "a noise trace (NodeSim's, a CSV core,start_ns,duration_ns, or LogGOPSim's start<TAB>duration; optionally gzip-compressed)";

    /// <summary>The largest share of a core's time its detours may take: a core busier than that leaves a job almost no time to run.</summary>
    public const double MaxNoiseFraction = 0.95;

    public static NoiseTrace Read(string path)
    {
        using (InputFile.OpenRead(path, Expected, MaxBytes)) { }
        var (format, meta) = Sniff(path);
        var byCore = new Dictionary<int, List<Detour>>();
        var lastLine = new Dictionary<int, long>();
        long count = 0;
        foreach (var (line, core, start, duration, field) in format == "loggopsim" ? LogGopSimRows(path) : CsvRows(path))
        {
            if (duration < 1) throw new UserInputException($"{path}:{line}: field {field} (duration_ns): {duration} ns; a detour lasts at least 1 ns");
            if (!byCore.TryGetValue(core, out var list)) byCore[core] = list = [];
            if (list.Count > 0)
            {
                var previous = list[^1];
                if (start < previous.StartNs)
                    throw new UserInputException($"{path}:{line}: core {core}'s detour at {start} ns comes after one at {previous.StartNs} ns (line {lastLine[core]}); " +
                                                 "a noise trace lists each core's detours in time order");
                if (start < previous.EndNs)
                    throw new UserInputException($"{path}:{line}: core {core}'s detour at {start} ns overlaps the one before it (line {lastLine[core]}, " +
                                                 $"{previous.StartNs} ns for {previous.DurationNs} ns); a core has one detour at a time, so a probe never records overlapping ones");
            }
            list.Add(new Detour(start, duration));
            lastLine[core] = line;
            if (++count > MaxDetours) throw new UserInputException($"{path}:{line}: more than {MaxDetours:N0} detours; a noise trace is at most that long (split it, or probe for less time)");
        }
        // A probe that saw no detour on a quiet core wrote its header and no rows: that core had no noise (its cores header names it).
        if (format == "nodesim" && meta.TryGetValue("cores", out var listed))
            foreach (var text in listed.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                byCore.TryAdd(int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var core) && core < MaxCores ? core
                    : throw new UserInputException($"{path}: header cores: '{Printable.Of(text)}' is not a core number (0 to {MaxCores - 1})"), []);
        if (count == 0 && !(format == "nodesim" && meta.ContainsKey("duration_ns") && byCore.Count > 0))
            throw new UserInputException($"{path}: no detours; expected {Expected}");
        var first = byCore.Values.Where(d => d.Count > 0).Select(d => d[0].StartNs).DefaultIfEmpty(0).Min();
        var last = byCore.Values.Where(d => d.Count > 0).Select(d => d[^1].EndNs).DefaultIfEmpty(0).Max();
        // A probe's trace counts from its start (0) to its duration_ns. Another's times may be absolute (a timestamp): they count
        // from its first detour, which is time 0 of the trace, and it covers its first start to its last end.
        long span;
        if (meta.TryGetValue("duration_ns", out var d))
        {
            span = Header(path, "duration_ns", d);
            if (last > span)
                throw new UserInputException($"{path}: its header says duration_ns: {span}, but a detour ends at {last} ns; the header is wrong, or the rows are");
            first = 0;
        }
        else span = last - first;
        var cores = byCore.ToDictionary(p => p.Key, p => p.Value.Select(x => x with { StartNs = x.StartNs - first }).ToArray());
        span = Math.Max(1, span);
        foreach (var (core, detours) in cores)
            if (detours.Sum(x => (double)x.DurationNs) / span is var busy and > MaxNoiseFraction)
                throw new UserInputException(string.Create(CultureInfo.InvariantCulture,
                    $"{path}: core {core} is in detours {busy:P1} of the trace's {span:N0} ns; a core busier than {MaxNoiseFraction:P0} leaves a job almost no time to run (is the trace's span right?)"));
        return new NoiseTrace(new NoiseTraceHeader(format, span, meta.GetValueOrDefault("machine"), meta.GetValueOrDefault("kernel"),
            meta.GetValueOrDefault("condition"), Optional(path, meta, "resolution_ns"), Optional(path, meta, "threshold_ns")), cores);
    }

    /// <summary>The rows of a CSV (NodeSim's or plain): line, core, start, duration, and the field the duration is in.</summary>
    private static IEnumerable<(long Line, int Core, long Start, long Duration, int Field)> CsvRows(string path)
    {
        using var stream = TraceFile.Open(path, Expected);
        using var csv = CsvReader.Create(stream, CsvReaderOptions.Default with
        {
            TrackLineNumbers = true,
            FieldCountMismatch = CsvFieldCountHandling.Allow,
            HasHeader = true,
            CommentPrefix = '#',
            SkipEmptyLines = true,
        }, leaveOpen: false);
        long line = 1;
        while (true)
        {
            try
            {
                if (!csv.Read()) yield break;
            }
            catch (InvalidDataException e)
            {
                throw TraceFile.Corrupt(path, line + 1, e);
            }
            line = csv.LineNumber;
            if (csv.FieldCount != 3) throw new UserInputException($"{path}:{line}: expected 3 comma-separated fields (core,start_ns,duration_ns), found {csv.FieldCount}");
            yield return (line, (int)Whole(csv, path, 0, "core", MaxCores - 1), Whole(csv, path, 1, "start_ns", long.MaxValue / 4),
                Whole(csv, path, 2, "duration_ns", long.MaxValue / 4), 3);
        }
    }

    /// <summary>
    /// LogGOPSim's rows: a start and a duration per line, separated by white space (LogGOPSim's own reader, <c>sscanf("%lf\t%lf")</c>,
    /// takes a tab or spaces), numbers rounded to nanoseconds; <c>#</c> lines and empty lines skipped. One core: core 0.
    /// </summary>
    private static IEnumerable<(long Line, int Core, long Start, long Duration, int Field)> LogGopSimRows(string path)
    {
        using var reader = new StreamReader(TraceFile.Open(path, Expected));
        long line = 0;
        while (true)
        {
            string? text;
            try
            {
                text = reader.ReadLine();
            }
            catch (InvalidDataException e)
            {
                throw TraceFile.Corrupt(path, line + 1, e);
            }
            if (text is null) yield break;
            line++;
            var trimmed = text.Trim();
            if (trimmed.Length == 0 || trimmed.StartsWith('#')) continue;
            var fields = trimmed.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length != 2)
                throw new UserInputException($"{path}:{line}: expected 2 fields (start and duration in ns, separated by a tab or spaces), found {fields.Length}");
            yield return (line, 0, Nanoseconds(path, line, fields[0], 1, "start"), Nanoseconds(path, line, fields[1], 2, "duration"), 2);
        }
    }

    /// <summary>The format, from the first lines, and NodeSim's header values.</summary>
    private static (string Format, Dictionary<string, string> Meta) Sniff(string path)
    {
        try
        {
            return SniffLines(path);
        }
        catch (InvalidDataException e)
        {
            throw TraceFile.Corrupt(path, 1, e);
        }
    }

    private static (string Format, Dictionary<string, string> Meta) SniffLines(string path)
    {
        using var reader = new StreamReader(TraceFile.Open(path, Expected));
        var meta = new Dictionary<string, string>();
        var first = reader.ReadLine();
        if (first is null) throw new UserInputException($"{path}: is empty; expected {Expected}");
        var nodesim = first.TrimEnd() == NodeSimMagic;
        var line = first;
        var number = 1;
        while (line is not null && (line.StartsWith('#') || line.Trim().Length == 0))
        {
            if (nodesim && number > 1 && line.Length > 1)
            {
                var colon = line.IndexOf(':');
                if (colon < 0) throw new UserInputException($"{path}:{number}: expected a header line '# key: value'");
                meta[line[1..colon].Trim()] = line[(colon + 1)..].Trim();
            }
            line = reader.ReadLine();
            number++;
        }
        if (line is null) throw new UserInputException($"{path}: no detours; expected {Expected}");
        if (line.Trim() == CsvHeader) return (nodesim ? "nodesim" : "csv", meta);
        if (nodesim || line.Contains(','))
            throw new UserInputException($"{path}:{number}: expected the header '{CsvHeader}'" + (nodesim ? " after NodeSim's header lines" : $", found '{Printable.Of(line.Trim(), 60)}'"));
        return ("loggopsim", meta);
    }

    private static long Whole(CsvReader csv, string path, int i, string name, long max)
    {
        var text = csv.GetString(i);
        if (!long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v))
            throw new UserInputException($"{path}:{csv.LineNumber}: field {i + 1} ({name}): '{Printable.Of(text)}' is not a whole number; expected nanoseconds");
        if (v < 0 || v > max)
            throw new UserInputException($"{path}:{csv.LineNumber}: field {i + 1} ({name}): {v} is outside 0 to {max:N0}");
        return v;
    }

    /// <summary>LogGOPSim's fields are read as numbers and rounded to nanoseconds, as LogGOPSim itself does.</summary>
    private static long Nanoseconds(string path, long line, string text, int field, string name)
    {
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) || !double.IsFinite(v))
            throw new UserInputException($"{path}:{line}: field {field} ({name}): '{Printable.Of(text)}' is not a number; expected nanoseconds");
        if (v < 0 || v > TraceFile.MaxSeconds * 1e9)
            throw new UserInputException($"{path}:{line}: field {field} ({name}): {v} ns is outside 0 to {TraceFile.MaxSeconds * 1e9:G3}");
        return (long)Math.Round(v);
    }

    private static long Header(string path, string key, string text) =>
        long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) && v > 0
            ? v : throw new UserInputException($"{path}: header {key}: '{Printable.Of(text)}' is not a positive whole number of nanoseconds");

    private static double? Optional(string path, Dictionary<string, string> meta, string key) =>
        !meta.TryGetValue(key, out var text) ? null
        : double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && v >= 0 && double.IsFinite(v) ? v
        : throw new UserInputException($"{path}: header {key}: '{Printable.Of(text)}' is not a number of nanoseconds");
}
