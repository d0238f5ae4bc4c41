using System.Globalization;
using System.IO.Compression;
using System.Security.Cryptography;
using CsvHelper;
using NodeSim.Engine;
using NodeSim.Engine.Kinds;
using NodeSim.Files;
using NodeSim.Traces;
using NodeSim.Models.Isolation;
using NodeSim.Reporting.Tables;
using NodeSim.Models.Costs;

namespace NodeSim.Reporting.Campaigns;

/// <summary>
/// <c>jobs.csv.gz</c>: every run's per-job (or per-window) rows, in run order, under one header.
/// Its columns are declared once, below; the ledger's and the counters' are named as the kinds' metrics
/// are (<see cref="Ledgers"/>) and come from the cause and counter lists, so a new cause is a new
/// column with nothing else to change. Each run's rows are compressed by the worker that ran
/// it, as a gzip member of their own (no header); the table is the header's member followed by the
/// runs' members, byte for byte — a valid gzip file (RFC 1952 allows many members), so joining the
/// parts costs no compression.
/// </summary>
public static class JobTable
{
    public const string FileName = "jobs.csv.gz";
    public const string PartExtension = ".jobs.csv.gz";

    /// <summary>The columns, in order.</summary>
    public static RowTable<JobRecord> Table { get; } = new(
    [
        RowColumn<JobRecord>.Text("scenario", j => j.Scenario),
        RowColumn<JobRecord>.Integer("point", j => j.Point),
        RowColumn<JobRecord>.Integer("replica", j => j.Replica),
        RowColumn<JobRecord>.Text("stack", j => j.Stack),
        RowColumn<JobRecord>.Integer("job_id", j => j.JobId),
        RowColumn<JobRecord>.Real("submit_s", j => j.SubmitS),
        RowColumn<JobRecord>.Real("start_s", j => j.StartS),
        RowColumn<JobRecord>.Real("end_s", j => j.EndS),
        RowColumn<JobRecord>.Real("wait_s", j => j.WaitS),
        RowColumn<JobRecord>.Real("run_s", j => j.RunS),
        RowColumn<JobRecord>.Real("reference_run_s", j => j.ReferenceRunS),
        RowColumn<JobRecord>.Real("turnaround_s", j => j.TurnaroundS),
        RowColumn<JobRecord>.Real("slowdown", j => j.Slowdown),
        RowColumn<JobRecord>.Real("bounded_slowdown", j => j.BoundedSlowdown),
        RowColumn<JobRecord>.Real("overhead_pct", j => j.OverheadPct),
        RowColumn<JobRecord>.Integer("processors", j => j.Processors),
        RowColumn<JobRecord>.Integer("nodes", j => j.Nodes),
        RowColumn<JobRecord>.Real("node_seconds", j => j.NodeSeconds),
        RowColumn<JobRecord>.Real("ideal_node_seconds", j => j.IdealNodeSeconds),
        RowColumn<JobRecord>.Text("profile", j => j.Profile),
        RowColumn<JobRecord>.Integer("ranks", j => j.Ranks),
        .. OverheadCauses.All.Select(c => RowColumn<JobRecord>.Real(Ledgers.Column(c), j => j.LedgerPct[(int)c])),
        .. OverheadCauses.Noise.Select(c => RowColumn<JobRecord>.Real(Ledgers.AmplifiedColumn(c), j => j.AmplificationPct[(int)c])),
        .. Counters.Operations.Select(c => RowColumn<JobRecord>.Real(Ledgers.RateColumn(c), j => j.PerSecond[(int)c])),
    ]);

    private static readonly CsvWriterOptions Csv = CsvWriterOptions.Default with { NewLine = "\n" };

    /// <summary>The CSV header line of job rows, "\n" included.</summary>
    public static readonly byte[] Header = HeaderBytes();

    private static byte[] HeaderBytes()
    {
        using var memory = new MemoryStream();
        using (var csv = CsvWriter.Create(memory, Csv, leaveOpen: true)) Table.WriteHeader(csv);
        return memory.ToArray();
    }

    /// <summary>Writes rows as CSV, with or without the header.</summary>
    public static void Write(Stream stream, IEnumerable<JobRecord> rows, bool header = true)
    {
        using var csv = CsvWriter.Create(stream, Csv, leaveOpen: true);
        if (header) Table.WriteHeader(csv);
        Table.WriteRows(csv, rows);
    }

    /// <summary>Writes one run's rows as a gzip member without header, atomically; what was written, with its SHA-256.</summary>
    public static JobPart WritePart(AtomicFile files, string path, IEnumerable<JobRecord> rows)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        long bytes = 0;
        files.Write(path, stream =>
        {
            using var hashing = new HashingStream(stream, sha);
            using (var gzip = new GZipStream(hashing, CompressionLevel.Fastest, leaveOpen: true)) Write(gzip, rows, header: false);
            bytes = hashing.Length;
        });
        return new JobPart(path, Convert.ToHexStringLower(sha.GetHashAndReset()), bytes);
    }

    /// <summary>
    /// The header's member, then the parts' members in order, each checked against what was written (its length and SHA-256) as
    /// it is copied: a part cut short or changed since is never published.
    /// </summary>
    /// <exception cref="DamagedPartException">A part is not what was written.</exception>
    public static void Concatenate(IEnumerable<JobPart> parts, Stream destination)
    {
        using (var gzip = new GZipStream(destination, CompressionLevel.Fastest, leaveOpen: true)) gzip.Write(Header);
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[1 << 16];
        foreach (var part in parts)
        {
            using var input = InputFile.OpenRead(part.Path, "a run's part");
            long bytes = 0;
            for (int n; (n = input.Read(buffer)) > 0; bytes += n)
            {
                sha.AppendData(buffer, 0, n);
                destination.Write(buffer, 0, n);
            }
            if (bytes != part.Bytes || Convert.ToHexStringLower(sha.GetHashAndReset()) != part.Sha256) throw new DamagedPartException(part.Path);
        }
    }

    /// <summary>Whether the part at <paramref name="part"/>'s path is, byte for byte, what was written.</summary>
    public static bool IsIntact(JobPart part)
    {
        if (FileEntry.Of(part.Path) is not { Kind: EntryKind.RegularFile, IsLink: false }) return false;
        using var input = InputFile.OpenRead(part.Path, "a run's part");
        return input.Length == part.Bytes && Convert.ToHexStringLower(SHA256.HashData(input)) == part.Sha256;
    }

    /// <summary>The rows of <c>jobs.csv.gz</c> that <paramref name="keep"/> selects.</summary>
    public static List<JobRecord> Read(string path, Func<JobRecord, bool> keep)
    {
        // The table is many gzip members (one per run), so the trace reader's size check, which is a single member's, does not
        // apply; a table cut short mid-row is refused at its line, and one that is not gzip at all by name.
        using var file = InputFile.OpenRead(path, "a NodeSim job table (jobs.csv.gz)");
        using var gzip = new GZipStream(file, CompressionMode.Decompress);
        try
        {
            return [.. Rows(gzip, path).Where(keep)];
        }
        catch (InvalidDataException e)
        {
            throw new UserInputException($"{path}: not gzip-compressed data NodeSim wrote ({e.Message.TrimEnd('.')})", e);
        }
    }

    /// <summary>The rows of one run's part file.</summary>
    public static List<JobRecord> ReadPart(string path)
    {
        using var memory = new MemoryStream();
        memory.Write(Header);
        using (var gzip = new GZipStream(InputFile.OpenRead(path, "a run's part"), CompressionMode.Decompress)) gzip.CopyTo(memory);
        memory.Position = 0;
        return [.. Rows(memory, path)];
    }

    /// <summary>Rows back from CSV with this table's header; a missing column or a malformed number is bad input, named by line.</summary>
    private static IEnumerable<JobRecord> Rows(Stream stream, string file)
    {
        using var csv = CsvReader.Create(stream, CsvReaderOptions.Default with { TrackLineNumbers = true }, leaveOpen: true);
        Dictionary<string, int>? at = null;
        while (csv.Read())
        {
            at ??= csv.Headers.ToArray().Select((h, i) => (h, i)).ToDictionary(x => x.h, x => x.i);
            string Cell(string name) => at.TryGetValue(name, out var i) ? csv.GetString(i)
                : throw new UserInputException($"{file}: no column '{name}'; not a NodeSim job table");
            UserInputException NotA(string name, string what) =>
                new($"{file}:{csv.LineNumber}: column '{name}' = '{Models.Printable.Of(Cell(name))}' is not {what}");
            double Real(string name) => double.TryParse(Cell(name), NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : throw NotA(name, "a number");
            int Integer(string name) => int.TryParse(Cell(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : throw NotA(name, "a whole number");
            JobRecord row;
            try
            {
                row = new JobRecord
                {
                    Scenario = Cell("scenario"), Point = Integer("point"), Replica = Integer("replica"), Stack = Cell("stack"),
                    JobId = long.TryParse(Cell("job_id"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var id) ? id : throw NotA("job_id", "a whole number"),
                    SubmitS = Real("submit_s"), StartS = Real("start_s"), EndS = Real("end_s"), WaitS = Real("wait_s"), RunS = Real("run_s"),
                    ReferenceRunS = Real("reference_run_s"), TurnaroundS = Real("turnaround_s"), Slowdown = Real("slowdown"),
                    BoundedSlowdown = Real("bounded_slowdown"), OverheadPct = Real("overhead_pct"), Processors = Integer("processors"),
                    Nodes = Integer("nodes"), NodeSeconds = Real("node_seconds"), IdealNodeSeconds = Real("ideal_node_seconds"),
                    Profile = Cell("profile"), Ranks = Integer("ranks"),
                    LedgerPct = [.. OverheadCauses.All.Select(c => Real(Ledgers.Column(c)))],
                    AmplificationPct = [.. OverheadCauses.All.Select(c => OverheadCauses.Noise.Contains(c) ? Real(Ledgers.AmplifiedColumn(c)) : 0)],
                    // The job table holds the operations' rates; it has no column for the detours.
                    PerSecond = [.. Counters.All.Select(c => Counters.Operations.Contains(c) ? Real(Ledgers.RateColumn(c)) : 0)],
                };
            }
            catch (FormatException e)
            {
                throw new UserInputException($"{file}:{csv.LineNumber}: {e.Message}");
            }
            yield return row;
        }
    }
}

/// <summary>A run's job rows as written to its part file: where, and its length and SHA-256, by which it is checked before it is used.</summary>
public sealed record JobPart(string Path, string Sha256, long Bytes);

/// <summary>A run's part that is not what was written (cut short by a full disk or a kill, or changed since): it must be run again.</summary>
public sealed class DamagedPartException(string path)
    : UserInputException($"{path}: not what NodeSim wrote (cut short or changed since); the run must be made again")
{
    public string Path { get; } = path;
}

/// <summary>A write-through stream that hashes and counts what passes (the part's SHA-256 as it is written, not read back).</summary>
internal sealed class HashingStream(Stream inner, IncrementalHash hash) : Stream
{
    private long _length;

    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => _length;
    public override long Position { get => _length; set => throw new NotSupportedException(); }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        hash.AppendData(buffer);
        inner.Write(buffer);
        _length += buffer.Length;
    }

    public override void Flush() => inner.Flush();
    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
}
