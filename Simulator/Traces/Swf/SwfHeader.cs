using System.Globalization;

namespace NodeSim.Traces.Swf;

/// <summary>
/// The header of an SWF trace: every <c>; Label: value</c> comment, in file order, with typed
/// access to the labels the SWF 2.2 specification defines.
/// </summary>
public sealed class SwfHeader
{
    private readonly List<KeyValuePair<string, string>> _labels = new();
    private readonly Dictionary<string, long> _lines = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Every label and its value, in the order they appear (a label may repeat, e.g. Note).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Labels => _labels;

    /// <summary>Comment lines without a colon (free text).</summary>
    public List<string> Comments { get; } = new();

    internal void Add(string label, string value, long line = 0)
    {
        _labels.Add(new(label, value));
        _lines[label] = line;
    }

    /// <summary>Appends a continuation line to the last label's value.</summary>
    internal void Continue(string text)
    {
        var last = _labels[^1];
        _labels[^1] = new(last.Key, last.Value.Length == 0 ? text : $"{last.Value} {text}");
    }

    /// <summary>The last value of <paramref name="label"/> (case-insensitive), or null.</summary>
    public string? this[string label] =>
        _labels.LastOrDefault(kv => string.Equals(kv.Key, label, StringComparison.OrdinalIgnoreCase)).Value;

    public long? Version => Integer("Version");
    public string? Computer => this["Computer"];
    public string? Installation => this["Installation"];
    public long? MaxJobs => Integer("MaxJobs");
    public long? MaxRecords => Integer("MaxRecords");
    public long? UnixStartTime => Integer("UnixStartTime");
    public string? TimeZoneString => this["TimeZoneString"];
    public string? StartTime => this["StartTime"];
    public string? EndTime => this["EndTime"];
    public long? MaxNodes => Integer("MaxNodes");

    /// <summary>MaxProcs, or MaxNodes when the header does not give it (SWF 2.2).</summary>
    public long? MaxProcs => Integer("MaxProcs") ?? MaxNodes;

    public long? MaxRuntime => Integer("MaxRuntime");
    public long? MaxMemory => Integer("MaxMemory");
    public string? AllowOveruse => this["AllowOveruse"];
    public long? MaxQueues => Integer("MaxQueues");
    public long? MaxPartitions => Integer("MaxPartitions");
    public string? Preemption => this["Preemption"];

    /// <summary>
    /// Why <paramref name="label"/>'s value is not the whole number it must be, placed at its line (<c>file:7: MaxProcs: 'abc' …</c>),
    /// or null when it is one or is not given.
    /// </summary>
    public string? NotAWholeNumber(string label, string file) =>
        this[label] is { } v && Integer(label) is null
            ? $"{file}:{_lines.GetValueOrDefault(label)}: header {label}: '{Models.Printable.Of(v)}' is not a whole number"
            : null;

    private long? Integer(string label) => this[label] is { } v && long.TryParse(FirstToken(v), NumberStyles.Integer, CultureInfo.InvariantCulture, out var x) ? x : null;

    // Values sometimes carry a trailing remark ("; MaxNodes: 128 (one per board)").
    private static string FirstToken(string value) => value.Split((char[]?)null, 2, StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? "";
}
