using System.Collections.Concurrent;
using System.Text.Json;
using NodeSim.Engine;
using NodeSim.Files;
using NodeSim.Reporting.Campaigns;

namespace NodeSim.Orchestration;

/// <summary>
/// A run directory's <c>parts/</c>: each finished run's result, written atomically to
/// <c>parts/&lt;key&gt;.json</c> after its job rows (<c>parts/&lt;key&gt;.jobs.csv.gz</c>), whose length and
/// SHA-256 the result records. An interrupted campaign leaves only complete results, <c>--resume</c>
/// finds them, and a part cut short or changed since it was written is never used: its run is made again.
/// </summary>
/// <param name="files">What writes the parts (the run directory's).</param>
public sealed class RunStore(string outputDirectory, AtomicFile files)
{
    // The job rows of runs finished in this process that the plots draw, kept so they need not be read back.
    private readonly ConcurrentDictionary<int, IReadOnlyList<JobRecord>> _rows = new();
    // Each finished run's job part as written (or as verified on resume), by run index.
    private readonly ConcurrentDictionary<int, JobPart> _parts = new();
    private readonly ConcurrentBag<string> _damaged = [];
    private readonly Lock _log = new();

    public string PartsDirectory => Path.Combine(outputDirectory, RunDirectory.PartsDirectory);

    /// <summary>What writes the run directory's files.</summary>
    public AtomicFile Files => files;

    /// <summary>Where the full stack trace of each run that failed unexpectedly goes (the run's result keeps its first line).</summary>
    public string ErrorLog => Path.Combine(PartsDirectory, RunDirectory.ErrorLogFile);

    /// <summary>The parts found cut short or changed since they were written (their runs are made again), by file.</summary>
    public IReadOnlyList<string> Damaged => [.. _damaged.Order(StringComparer.Ordinal)];

    /// <summary>
    /// Makes <c>parts/</c> ready: unless resuming, NodeSim's parts from before are removed; temporary
    /// files of a killed process too (never a result). Anything else in it is left alone.
    /// </summary>
    public void Open(bool resume)
    {
        if (!resume) DeleteParts();
        Directory.CreateDirectory(PartsDirectory);
        foreach (var stale in Directory.EnumerateFiles(PartsDirectory).Where(f => RunDirectory.IsOwnTemporary(Path.GetFileName(f)))) File.Delete(stale);
    }

    /// <summary>Joins <c>parts/</c> as one of several processes writing to it at once (Slurm array tasks): nothing is removed.</summary>
    public void Join() => Directory.CreateDirectory(PartsDirectory);

    /// <summary>Persists a finished run: rows first, the result last (a result file means the run is complete, its rows as it says).</summary>
    /// <param name="keepRows">Keep the rows in memory too, for the plots (its kind's rows are a workload's jobs).</param>
    /// <exception cref="CampaignStoppedException">A part could not be written (a full disk, a permission): the runs persisted so far are kept.</exception>
    public void Write(RunOutput output, bool keepRows)
    {
        try
        {
            if (output.Defect is { } defect)
                lock (_log)
                {
                    try
                    {
                        File.AppendAllText(ErrorLog, $"== run {output.Result.Key} ({DateTimeOffset.UtcNow:O})\n{defect}\n\n");
                    }
                    catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                    {
                        throw new UserInputException($"{ErrorLog}: cannot be written ({IoErrors.Reason(e)})", e);
                    }
                }
            var part = JobTable.WritePart(files, PartPath(output.Result.Key, JobTable.PartExtension), output.Rows);
            files.Write(PartPath(output.Result.Key, ".json"),
                stream => JsonSerializer.Serialize(stream, new StoredRun(output.Result, part.Sha256, part.Bytes), PartJson));
            _parts[output.Result.Index] = part;
        }
        catch (UserInputException e)
        {
            throw new CampaignStoppedException(e.Message, PartsDirectory, e);
        }
        if (keepRows) _rows[output.Result.Index] = output.Rows;
    }

    /// <summary>
    /// The stored result of <paramref name="run"/>, or null when it has none that belongs to it: a part from another
    /// campaign, seed or parameter values is not this run's result, a failed run is run again, and so is one whose
    /// job rows are not, byte for byte, what was written (<see cref="Damaged"/> names those).
    /// </summary>
    public RunResult? Read(RunSpec run)
    {
        var path = PartPath(run.Key, ".json");
        var rows = PartPath(run.Key, JobTable.PartExtension);
        if (FileEntry.Of(path) is not { Kind: EntryKind.RegularFile, IsLink: false } || !File.Exists(rows)) return null;
        StoredRun? stored;
        try
        {
            stored = JsonSerializer.Deserialize<StoredRun>(InputFile.ReadAllText(path, "a run's part", InputFile.MaxJsonBytes), PartJson);
        }
        catch (JsonException)
        {
            return null;
        }
        var result = stored?.Result;
        if (stored?.JobsSha256 is null || result?.Parameters is null || result.Metrics is null || result.Error is not null || result.Key != run.Key
            || result.Seed != run.Seed || result.Index != run.Index || !result.Parameters.SequenceEqual(run.Parameters))
            return null;
        var part = new JobPart(rows, stored.JobsSha256, stored.JobsBytes);
        if (!JobTable.IsIntact(part))
        {
            _damaged.Add(rows);
            return null;
        }
        _parts[run.Index] = part;
        return result;
    }

    /// <summary>Removes the parts: once the tables are written from them, a campaign without failures has nothing to resume.</summary>
    public void Discard() => DeleteParts();

    /// <summary>Removes a run's result, so that a resume makes it again (its job rows turned out damaged).</summary>
    public void Forget(string jobPartPath)
    {
        var key = Path.GetFileName(jobPartPath)[..^JobTable.PartExtension.Length];
        File.Delete(PartPath(key, ".json"));
    }

    /// <summary>Deletes NodeSim's part files (recognised by name), and <c>parts/</c> itself when that leaves it empty.</summary>
    private void DeleteParts()
    {
        if (!Directory.Exists(PartsDirectory)) return;
        foreach (var file in Directory.EnumerateFiles(PartsDirectory).Where(f => RunDirectory.IsPart(Path.GetFileName(f)) || f == ErrorLog).ToList()) File.Delete(file);
        if (!Directory.EnumerateFileSystemEntries(PartsDirectory).Any()) Directory.Delete(PartsDirectory);
    }

    /// <summary>A finished run's job part, as written or verified by this store.</summary>
    public JobPart JobPart(RunResult result) => _parts[result.Index];

    /// <summary>A finished run's job rows: kept from this process's run, or read from its part (a resumed run, verified when it was found).</summary>
    public IReadOnlyList<JobRecord> JobRows(RunResult result) =>
        _rows.TryGetValue(result.Index, out var rows) ? rows : JobTable.ReadPart(JobPart(result).Path);

    private string PartPath(string key, string extension) => Path.Combine(PartsDirectory, key + extension);

    /// <summary>A part's result file: the run's result, and the length and SHA-256 of its job rows' part.</summary>
    private sealed record StoredRun(RunResult Result, string JobsSha256, long JobsBytes);

    private static readonly JsonSerializerOptions PartJson = new() { WriteIndented = false };
}

/// <summary>
/// The campaign stopped before its outputs were complete, for a reason outside it (a full disk, a permission, a damaged
/// part): the runs finished so far are kept in <see cref="PartsDirectory"/>, and a resume completes the rest.
/// </summary>
public sealed class CampaignStoppedException(string reason, string partsDirectory, Exception? inner = null) : UserInputException(reason, inner)
{
    public string PartsDirectory { get; } = partsDirectory;
}
