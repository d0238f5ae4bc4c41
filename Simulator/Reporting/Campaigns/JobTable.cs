using NodeSim.Engine;
using System.IO.Compression;
using CsvHelper;

namespace NodeSim.Reporting.Campaigns;

/// <summary>
/// <c>jobs.csv.gz</c>: every run's per-job (or per-window) rows, in run order, under one header.
/// Each run's rows are compressed by the worker that ran it, as a gzip member of their own (no
/// header); the table is the header's member followed by the runs' members, byte for byte — a
/// valid gzip file (RFC 1952 allows many members), so joining the parts costs no compression.
/// </summary>
public static class JobTable
{
    public const string FileName = "jobs.csv.gz";
    public const string PartExtension = ".jobs.csv.gz";

    private static readonly CsvWriterOptions Rows = CsvWriterOptions.Default with { NewLine = "\n", HasHeader = false };

    /// <summary>The CSV header line of job rows, "\n" included.</summary>
    public static readonly byte[] Header = HeaderBytes();

    private static byte[] HeaderBytes()
    {
        using var memory = new MemoryStream();
        using (var csv = CsvWriter.Create(memory, CsvWriterOptions.Default with { NewLine = "\n" }, leaveOpen: true))
            csv.WriteRecords(Array.Empty<JobRecord>());
        return memory.ToArray();
    }

    /// <summary>Writes one run's rows as a gzip member without header, atomically.</summary>
    public static void WritePart(string path, IEnumerable<JobRecord> rows) =>
        AtomicFile.Write(path, stream =>
        {
            using var gzip = new GZipStream(stream, CompressionLevel.Fastest, leaveOpen: true);
            using var csv = CsvWriter.Create(gzip, Rows, leaveOpen: true);
            csv.WriteRecords(rows);
        });

    /// <summary>The header's member, then the parts' members in order.</summary>
    public static void Concatenate(IEnumerable<string> parts, Stream destination)
    {
        using (var gzip = new GZipStream(destination, CompressionLevel.Fastest, leaveOpen: true)) gzip.Write(Header);
        foreach (var part in parts)
        {
            using var input = new FileStream(part, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
            input.CopyTo(destination);
        }
    }

    /// <summary>The rows of <c>jobs.csv.gz</c> that <paramref name="keep"/> selects.</summary>
    public static List<JobRecord> Read(string path, Func<JobRecord, bool> keep)
    {
        using var file = File.OpenRead(path);
        using var gzip = new GZipStream(file, CompressionMode.Decompress);
        using var csv = CsvReader.Create(gzip, CsvReaderOptions.Default, leaveOpen: false);
        return csv.GetRecords<JobRecord>().Where(keep).ToList();
    }

    /// <summary>The rows of one run's part file.</summary>
    public static List<JobRecord> ReadPart(string path)
    {
        using var memory = new MemoryStream();
        memory.Write(Header);
        using (var gzip = new GZipStream(File.OpenRead(path), CompressionMode.Decompress)) gzip.CopyTo(memory);
        using var csv = CsvReader.Create(memory.ToArray(), CsvReaderOptions.Default);
        return csv.GetRecords<JobRecord>().ToList();
    }
}
