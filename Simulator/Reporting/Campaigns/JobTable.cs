using System.IO.Compression;
using CsvHelper;

namespace NodeSim.Reporting.Campaigns;

/// <summary><c>jobs.csv.gz</c>: every run's per-job (or per-window) rows, in run order, under one header.</summary>
public static class JobTable
{
    public const string FileName = "jobs.csv.gz";

    /// <summary>Concatenates the runs' part files (each a CSV with the same header) into one gzip stream, the header once.</summary>
    public static void Concatenate(IEnumerable<string> parts, Stream destination)
    {
        using var gzip = new GZipStream(destination, CompressionLevel.Fastest, leaveOpen: true);
        byte[]? header = null;
        foreach (var part in parts)
        {
            using var input = new FileStream(part, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
            var first = HeaderLine(input);
            if (first.Length == 0) continue;
            if (header is null)
            {
                header = first;
                gzip.Write(header);
            }
            else if (!first.AsSpan().SequenceEqual(header))
            {
                throw new InvalidOperationException($"{part}: its header differs from the other parts'");
            }
            input.CopyTo(gzip);   // the rows, as they are
        }
    }

    /// <summary>The bytes up to and including the first '\n', leaving the stream just after it.</summary>
    private static byte[] HeaderLine(Stream input)
    {
        var line = new List<byte>(512);
        int b;
        while ((b = input.ReadByte()) >= 0)
        {
            line.Add((byte)b);
            if (b == '\n') break;
        }
        return [.. line];
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
        using var csv = CsvReader.Create(File.OpenRead(path), CsvReaderOptions.Default, leaveOpen: false);
        return csv.GetRecords<JobRecord>().ToList();
    }
}
