using NodeSim.Models;
using System.Globalization;

namespace NodeSim.Traces.Swf;

/// <summary>
/// Streams the jobs of a Standard Workload Format trace (<c>.swf</c> or gzip-compressed), one line
/// at a time, so memory stays flat however large the file.
/// </summary>
/// <remarks>
/// Fields are separated by any run of spaces or tabs; a line starting with <c>;</c> is a comment
/// anywhere in the file; <c>; Label: value</c> comments become <see cref="Header"/> labels, others
/// are kept as free text. <c>-1</c> means unknown and becomes null. A malformed line is an error
/// naming the file, line, field number and name, the offending text and what was expected; in
/// lenient mode such lines are skipped and counted instead.
/// </remarks>
public sealed class SwfReader : IDisposable
{
    private const int FieldCount = 18;
    private const int MaxMessagesKept = 20;
    private readonly TextReader _reader;
    private readonly bool _lenient;
    private readonly List<string> _skipped = new();
    private string? _pending;
    private long _line;

    private SwfReader(string path, TextReader reader, bool lenient)
    {
        Path = path;
        _reader = reader;
        _lenient = lenient;
        ReadHeader();
    }

    /// <summary>Opens <paramref name="path"/> and reads its header (the comments before the first job).</summary>
    public static SwfReader Open(string path, bool lenient = false) =>
        new(path, new StreamReader(TraceFile.Open(path)), lenient);

    public string Path { get; }

    public SwfHeader Header { get; } = new();

    /// <summary>Malformed lines skipped in lenient mode.</summary>
    public long SkippedLines { get; private set; }

    /// <summary>The messages of the first skipped lines.</summary>
    public IReadOnlyList<string> SkippedMessages => _skipped;

    /// <summary>Lines read so far (comments and blank lines included).</summary>
    public long LinesRead => _line;

    /// <summary>The jobs, in file order. Enumerate once.</summary>
    public IEnumerable<SwfJob> Jobs()
    {
        while (NextLine() is { } line)
        {
            var trimmed = line.AsSpan().Trim();
            if (trimmed.IsEmpty) continue;
            if (trimmed[0] == ';')
            {
                AddComment(trimmed);
                continue;
            }
            if (Parse(trimmed, _line, out var job) is not { } problem)
            {
                yield return job!;
                continue;
            }
            if (!_lenient) throw new UserInputException(problem);
            SkippedLines++;
            if (_skipped.Count < MaxMessagesKept) _skipped.Add(problem);
        }
    }

    /// <summary>Reads every job into a list (convenience for small files and tests).</summary>
    public static (SwfHeader Header, List<SwfJob> Jobs) ReadAll(string path, bool lenient = false)
    {
        using var reader = Open(path, lenient);
        var jobs = reader.Jobs().ToList();
        return (reader.Header, jobs);
    }

    public void Dispose() => _reader.Dispose();

    private void ReadHeader()
    {
        while (NextLine() is { } line)
        {
            var trimmed = line.AsSpan().Trim();
            if (trimmed.IsEmpty) continue;
            if (trimmed[0] != ';')
            {
                _pending = line;
                _line--; // Jobs() counts it again when it takes the pending line
                return;
            }
            AddComment(trimmed);
        }
    }

    private string? NextLine()
    {
        if (_pending is { } pending)
        {
            _pending = null;
            _line++;
            return pending;
        }
        string? line;
        try
        {
            line = _reader.ReadLine();
        }
        catch (InvalidDataException e)
        {
            throw TraceFile.Corrupt(Path, _line + 1, e);
        }
        if (line is not null) _line++;
        return line;
    }

    private void AddComment(ReadOnlySpan<char> comment)
    {
        // "; Label: value" where the label is one word of letters and digits (SWF labels have no spaces).
        // Archive logs continue a long value on the next comment line, indented under it
        // (";              http://…"): such a line, or one whose "label" is a URL scheme, extends the
        // previous label's value. Anything else is free text.
        var raw = comment[1..];
        var text = raw.Trim();
        var indented = raw.Length - raw.TrimStart().Length >= 2;
        var colon = text.IndexOf(':');
        var label = colon > 0 ? text[..colon] : default;
        var isLabel = !label.IsEmpty && IsWord(label) && !text[(colon + 1)..].StartsWith("//");
        if (isLabel && !indented)
            Header.Add(label.ToString(), text[(colon + 1)..].Trim().ToString(), _line);
        else if ((indented || !isLabel && colon > 0 && text[(colon + 1)..].StartsWith("//")) && Header.Labels.Count > 0 && !text.IsEmpty)
            Header.Continue(text.ToString());
        else
            Header.Comments.Add(text.ToString());
    }

    private static bool IsWord(ReadOnlySpan<char> s)
    {
        foreach (var c in s)
            if (!char.IsAsciiLetterOrDigit(c) && c != '_')
                return false;
        return true;
    }

    /// <summary>The job on a line, or what is wrong with the line (the job is then null).</summary>
    private string? Parse(ReadOnlySpan<char> line, long lineNumber, out SwfJob? job)
    {
        job = null;
        Span<Range> ranges = stackalloc Range[FieldCount + 1];
        var count = line.SplitAny(ranges, " \t", StringSplitOptions.RemoveEmptyEntries);
        if (count != FieldCount)
        {
            var found = count > FieldCount ? "more than 18" : count.ToString(CultureInfo.InvariantCulture);
            return $"{Path}:{lineNumber}: expected 18 whitespace-separated fields, found {found}";
        }
        // The fields on the stack, unknown ones (-1) marked by bit: no array per line.
        Span<double> f = stackalloc double[FieldCount];
        var unknown = 0;
        for (var i = 0; i < FieldCount; i++)
        {
            var text = line[ranges[i]];
            if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
                return FieldError(lineNumber, i, text, "is not a number; expected a number, or -1 for unknown");
            if (value == -1)
            {
                unknown |= 1 << i;
                continue;
            }
            if (value < 0)
                return FieldError(lineNumber, i, text, IsTimeField(i)
                    ? "is negative; expected a time of at least 0 seconds, or -1 for unknown"
                    : "is negative; expected a value of at least 0, or -1 for unknown");
            if (!IsTimeField(i) && !IsMemoryField(i) && value != Math.Floor(value))
                return FieldError(lineNumber, i, text, "is not a whole number; expected a whole number, or -1 for unknown");
            if (IsTimeField(i) && value > TraceFile.MaxSeconds)
                return FieldError(lineNumber, i, text, $"is beyond what the simulator's clock can replay; expected at most {TraceFile.MaxSeconds:N0} seconds (about 31 years)");
            if (!IsTimeField(i) && !IsMemoryField(i) && value > int.MaxValue)
                return FieldError(lineNumber, i, text, $"is too large; expected at most {int.MaxValue:N0}");
            f[i] = value;
        }
        if ((unknown & 1) != 0) return FieldError(lineNumber, 0, line[ranges[0]], "is unknown; every job needs its number");
        if ((unknown & 2) != 0) return FieldError(lineNumber, 1, line[ranges[1]], "is unknown; every job needs a submit time");
        double? D(ReadOnlySpan<double> v, int i) => (unknown & (1 << i)) != 0 ? null : v[i];
        long? L(ReadOnlySpan<double> v, int i) => (unknown & (1 << i)) != 0 ? null : (long)v[i];
        job = new SwfJob((long)f[0], f[1], D(f, 2), D(f, 3), L(f, 4), D(f, 5), D(f, 6), L(f, 7), D(f, 8), D(f, 9),
            L(f, 10), L(f, 11), L(f, 12), L(f, 13), L(f, 14), L(f, 15), L(f, 16), D(f, 17), lineNumber);
        return null;
    }

    private string FieldError(long line, int index, ReadOnlySpan<char> text, string problem) =>
        $"{Path}:{line}: field {index + 1} ({SwfJob.FieldNames[index]}): '{Printable.Of(text)}' {problem}";

    private static bool IsTimeField(int i) => i is 1 or 2 or 3 or 5 or 8 or 17;
    private static bool IsMemoryField(int i) => i is 6 or 9;
}
